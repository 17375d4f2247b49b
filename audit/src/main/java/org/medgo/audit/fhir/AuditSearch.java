package org.medgo.audit.fhir;

import java.time.Instant;

/**
 * Search criteria for audit events; null fields do not filter.
 *
 * @param patientRef {@code Patient/<id>}
 * @param from       recorded at or after
 * @param to         recorded before
 * @param type       event type code ({@code rest}, {@code model-run}, ...)
 * @param subtype    subtype code ({@code read}, {@code summarize}, ...)
 * @param agent      OAuth client id or user id
 * @param limit      most events returned (newest first), 1..1000
 */
public record AuditSearch(String patientRef, Instant from, Instant to, String type, String subtype, String agent,
                          int limit) {
    public AuditSearch {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
    }

    public static AuditSearch all(int limit) {
        return new AuditSearch(null, null, null, null, null, null, limit);
    }
}
