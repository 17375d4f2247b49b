package org.medgo.audit.testing;

import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;

/** Typical records of each kind, as the gateway writes them. */
public final class Records {
    private Records() {
    }

    public static AuditRecord read(String patient, int i) {
        return AuditRecord.builder(EventType.REST, "read").action('R').client("demo-ehr").user("Practitioner/dr-" + (i % 7))
                .patient(patient).entity("Encounter/e" + i).request("req-" + i).build();
    }

    public static AuditRecord modelRun(String patient) {
        return AuditRecord.builder(EventType.MODEL_RUN, "summarize").action('E').client("demo-ehr").patient(patient)
                .entity("Composition/c1").request("req-model")
                .detail("model", "medgo-demo").detail("bundle_sha256", "ab12").detail("prompt_version", "summarize-en/1")
                .detail("prompt_tokens", 812).detail("completion_tokens", 240)
                .detail("prompt_sha256", "9f86d081").detail("output_sha256", "60303ae2").build();
    }

    public static AuditRecord deidentify(String patient) {
        return AuditRecord.builder(EventType.DEIDENTIFY, "bundle").action('E').patient(patient).request("req-model")
                .detail("spans.NAME", 3).detail("spans.DATE", 5).build();
    }

    public static AuditRecord review(String patient) {
        return AuditRecord.builder(EventType.REVIEW, "approve").action('U').user("Practitioner/dr-1").client("review-app")
                .patient(patient).entity("Composition/c1").request("req-review").build();
    }

    public static AuditRecord denied() {
        return AuditRecord.builder(EventType.REST, "read").action('R').outcome(Outcome.MINOR_FAILURE, "insufficient_scope")
                .client("demo-ehr").entity("Patient/p9").request("req-denied").build();
    }
}
