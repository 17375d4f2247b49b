package org.medgo.gateway.ehr.writeback;

/** Where a note stands on its way to the EMR. */
public enum OutboxStatus {
    PENDING("pending"), SENT("sent"), FAILED("failed");

    private final String code;

    OutboxStatus(String code) {
        this.code = code;
    }

    public String code() { return code; }

    static OutboxStatus ofCode(String code) {
        for (OutboxStatus s : values()) {
            if (s.code.equals(code)) return s;
        }
        throw new IllegalArgumentException("unknown outbox status " + code);
    }
}
