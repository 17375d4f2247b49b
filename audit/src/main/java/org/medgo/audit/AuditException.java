package org.medgo.audit;

/** The audit trail could not be written or read; the action it belongs to must not go ahead. */
public class AuditException extends RuntimeException {
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
