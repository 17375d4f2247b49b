package org.medgo.audit;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One audit event before it is stored. Holds references, codes, counts and hashes, never PHI: the patient
 * is a reference ({@code Patient/123}), the data a reference, the prompt and output SHA-256 digests.
 *
 * @param type          what kind of event
 * @param subtype       REST: the interaction ({@code read}, {@code search-type}, {@code operation:$summarize});
 *                      AI events: a short code ({@code summarize}, {@code approve})
 * @param action        C, R, U, D or E (execute)
 * @param outcome       success or the failure class
 * @param outcomeDetail short reason on failure (an error code, never the request body)
 * @param clientId      OAuth client of the caller, or null
 * @param userId        user from the token ({@code sub} / fhirUser), or null for system calls
 * @param patientRef    {@code Patient/<id>} the event concerns, or null
 * @param entityRef     the data concerned ({@code Composition/<id>}), or null
 * @param requestId     the request's correlation id
 * @param details       extra facts (model id, token counts, hashes), small and PHI-free; stored sorted
 */
public record AuditRecord(EventType type, String subtype, char action, Outcome outcome, String outcomeDetail,
                          String clientId, String userId, String patientRef, String entityRef, String requestId,
                          Map<String, String> details) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** The store's CHECK on the details column, in characters of the stored JSON text. */
    static final int MAX_DETAILS_TEXT = 8000;

    public AuditRecord {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(outcome, "outcome");
        if ("CRUDE".indexOf(action) < 0) {
            throw new IllegalArgumentException("action must be one of C, R, U, D, E");
        }
        subtype = cap(subtype, 80, "subtype");
        outcomeDetail = cap(outcomeDetail, 500, "outcomeDetail");
        clientId = cap(clientId, 200, "clientId");
        userId = cap(userId, 200, "userId");
        patientRef = cap(patientRef, 200, "patientRef");
        entityRef = cap(entityRef, 200, "entityRef");
        requestId = cap(requestId, 200, "requestId");
        TreeMap<String, String> copy = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (!KEY.matcher(k).matches()) {
                    throw new IllegalArgumentException("detail key must match " + KEY + ": " + k);
                }
                copy.put(k, cap(Objects.requireNonNull(v, k), 500, k));
            });
        }
        // Rejected here, not by the database: records are committed in groups, and a row PostgreSQL refuses
        // would fail every caller in its group.
        if (storedLength(copy) > MAX_DETAILS_TEXT) {
            throw new IllegalArgumentException("details longer than " + MAX_DETAILS_TEXT + " characters when stored");
        }
        details = java.util.Collections.unmodifiableSortedMap(copy);
    }

    public static Builder builder(EventType type, String subtype) {
        return new Builder(type, subtype);
    }

    private static String cap(String value, int max, String field) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(field + " longer than " + max + " characters");
        }
        if (value != null && value.indexOf('\0') >= 0) { // PostgreSQL text cannot hold NUL
            throw new IllegalArgumentException(field + " contains a NUL character");
        }
        return value;
    }

    /** Length of the details as the store writes them: {"k":"v",...} with quotes, backslashes and controls escaped. */
    private static int storedLength(Map<String, String> details) {
        int n = 2 + Math.max(0, details.size() - 1);
        for (Map.Entry<String, String> e : details.entrySet()) {
            n += escapedLength(e.getKey()) + 1 + escapedLength(e.getValue());
        }
        return n;
    }

    private static int escapedLength(String s) {
        int n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
        }
        return n;
    }

    /** Builds a record field by field; only type is required, the rest defaults to a successful read. */
    public static final class Builder {
        private final EventType type;
        private final String subtype;
        private char action = 'R';
        private Outcome outcome = Outcome.SUCCESS;
        private String outcomeDetail;
        private String clientId;
        private String userId;
        private String patientRef;
        private String entityRef;
        private String requestId;
        private final TreeMap<String, String> details = new TreeMap<>();

        private Builder(EventType type, String subtype) {
            this.type = type;
            this.subtype = subtype;
        }

        public Builder action(char action) {
            this.action = action;
            return this;
        }

        public Builder outcome(Outcome outcome, String detail) {
            this.outcome = outcome;
            this.outcomeDetail = detail;
            return this;
        }

        public Builder client(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder user(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder patient(String patientRef) {
            this.patientRef = patientRef;
            return this;
        }

        public Builder entity(String entityRef) {
            this.entityRef = entityRef;
            return this;
        }

        public Builder request(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder detail(String key, Object value) {
            details.put(key, String.valueOf(value));
            return this;
        }

        public Builder details(Map<String, ?> more) {
            more.forEach(this::detail);
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(type, subtype, action, outcome, outcomeDetail, clientId, userId, patientRef,
                    entityRef, requestId, details);
        }
    }
}
