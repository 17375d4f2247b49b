package org.medgo.inference.runtime;

/** The runtime under a {@link DecoderBackend} failed (not a caller error). */
public class BackendException extends RuntimeException {
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }

    public BackendException(String message) {
        super(message);
    }
}
