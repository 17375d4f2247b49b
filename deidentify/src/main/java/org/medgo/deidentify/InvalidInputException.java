package org.medgo.deidentify;

/** Input the de-identifier refuses (not FHIR, not UTF-8, too large...). The message is safe to show: it never quotes the input. */
public final class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
