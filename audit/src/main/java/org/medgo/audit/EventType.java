package org.medgo.audit;

/** What kind of event a record is; REST interactions follow IHE BALP, the AI events are MedGo's own. */
public enum EventType {
    /** A FHIR REST interaction (BALP type {@code rest}); subtype = the interaction or operation. */
    REST("rest"),
    /** De-identification of a request's data before it reached the model. */
    DEIDENTIFY("deidentify"),
    /** One model run: model id and bundle hash, prompt template version, token counts, prompt/output hashes. */
    MODEL_RUN("model-run"),
    /** A clinician's review decision on an AI draft (approve, edit, reject). */
    REVIEW("review");

    private final String code;

    EventType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static EventType ofCode(String code) {
        for (EventType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown audit event type: " + code);
    }
}
