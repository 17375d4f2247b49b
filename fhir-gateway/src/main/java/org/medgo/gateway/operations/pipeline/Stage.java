package org.medgo.gateway.operations.pipeline;

import org.medgo.audit.EventType;

/**
 * The stages of a clinical AI operation, in order. Each knows the audit event a failure in it is recorded
 * as (before the model runs it is a de-identification event, from then on a model run), its step code in
 * the audit record, and the text a job's {@code X-Progress} shows.
 */
public enum Stage {
    VALIDATE("validate", "validating", EventType.DEIDENTIFY),
    DEIDENTIFY("deidentify", "de-identifying", EventType.DEIDENTIFY),
    MODEL("model", "queued for the model", EventType.MODEL_RUN),
    STORE("store", "writing the document", EventType.MODEL_RUN);

    private final String code;
    private final String progress;
    private final EventType auditEvent;

    Stage(String code, String progress, EventType auditEvent) {
        this.code = code;
        this.progress = progress;
        this.auditEvent = auditEvent;
    }

    /** The step code in audit records ({@code summarize.model}). */
    public String code() { return code; }

    /** What a job's {@code X-Progress} says while the stage runs. */
    public String progress() { return progress; }

    public EventType auditEvent() { return auditEvent; }
}
