package org.medgo.gateway.operations.validation;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.Locale;

/**
 * Which validator findings refuse a record, and what the caller should change. EMRs send records as they
 * have them: profiled (US Core, IPS), in transaction or collection Bundles, with references to resources the
 * Bundle does not carry (conditional {@code Practitioner?identifier=…}, other servers). The gateway follows
 * none of those references, so they never refuse a record; a profile the gateway does not have is a warning
 * (install the IG with {@code MEDGO_FHIR_IG_DIR} to have it checked). Everything else that the validator
 * calls an error stays one, because the record would not be FHIR R4 the pipeline can read.
 */
final class InputIssuePolicy {

    /** A validator finding: severity, the validator's message id (may be null), text, and FHIRPath location. */
    record Finding(ResultSeverityEnum severity, String messageId, String message, String location) {}

    /** {@code refuses}: the record is refused; {@code fix}: what to change, for the OperationOutcome. */
    record Verdict(boolean refuses, String fix) {}

    /**
     * AIAST (AI Transparency on FHIR) is in THO's v3-ObservationValue since after the R4 terminology HAPI
     * ships, which therefore calls it unknown; it is the one code we accept despite that.
     */
    static final String AIAST_UNKNOWN = "v3-ObservationValue#AIAST'";

    private InputIssuePolicy() {}

    static Verdict judge(Finding f) {
        String message = f.message() == null ? "" : f.message();
        String id = f.messageId() == null ? "" : f.messageId();
        if (f.severity() != ResultSeverityEnum.ERROR && f.severity() != ResultSeverityEnum.FATAL) {
            return new Verdict(false, null);
        }
        if (message.contains(AIAST_UNKNOWN) || isUnresolvedReference(id, message) || isUnknownProfile(id, message)) {
            return new Verdict(false, null);
        }
        return new Verdict(true, fix(id, message, f.location()));
    }

    /** References the gateway does not follow: outside the Bundle, conditional, or to another server. */
    private static boolean isUnresolvedReference(String id, String message) {
        return id.startsWith("BUNDLE_BUNDLE_ENTRY_NOTFOUND") || id.startsWith("Reference_REF_CantResolve")
                || id.equals("Reference_REF_NotFound_Bundle") || id.equals("BUNDLE_BUNDLE_POSSIBLE_MATCHES")
                || message.startsWith("Can't find '") && message.contains("in the bundle")
                || message.contains("?") && message.contains("Unable to resolve resource");
    }

    private static boolean isUnknownProfile(String id, String message) {
        return id.startsWith("VALIDATION_VAL_PROFILE_UNKNOWN") || message.contains("has not been checked because it could not be found")
                || message.contains("Profile reference '") && message.contains("could not be resolved");
    }

    private static String fix(String id, String message, String location) {
        String where = location == null || location.isBlank() ? "the element named" : location;
        String m = message.toLowerCase(Locale.ROOT);
        if (id.contains("Minimum") || m.contains("minimum required")) {
            return "add the missing element at " + where + " (FHIR R4 requires it)";
        }
        if (id.contains("Maximum") || m.contains("maximum allowed")) {
            return "send " + where + " no more often than FHIR R4 allows";
        }
        if (id.startsWith("Terminology") || m.contains("unknown code") || m.contains("not in the value set")
                || m.contains("code system")) {
            return "use a code from the required value set at " + where + ", or a valid code of the named system";
        }
        if (m.contains("unrecognized property") || m.contains("unknown element") || m.contains("unrecognised property")) {
            return "remove or rename the element at " + where + ": FHIR R4 does not define it";
        }
        if (m.contains("not a valid") || m.contains("invalid") || m.contains("does not match regex") || m.contains("format")) {
            return "correct the value at " + where + " to the FHIR R4 data type's format";
        }
        if (id.startsWith("Reference") || m.contains("reference")) {
            return "point the reference at " + where + " at a resource of an allowed type";
        }
        return "change " + where + " so it conforms to the FHIR R4 definition quoted in the message";
    }
}
