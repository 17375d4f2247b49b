package org.medgo.emrsandbox;

/** A one-issue OperationOutcome as JSON, for answers written outside the FHIR server (faults, scope refusals). */
final class OperationOutcomes {

    private OperationOutcomes() {}

    static String error(String code, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"" + code
                + "\",\"diagnostics\":\"" + diagnostics.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}]}";
    }
}
