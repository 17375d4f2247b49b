package org.medgo.inference.remote;

/**
 * The OpenAI-compatible endpoint refused or failed a call.
 *
 * @see #status() the HTTP status (429/503: busy, worth retrying after {@link #retryAfterSeconds()})
 */
public final class EndpointException extends RuntimeException {

    private final int status;
    private final int retryAfterSeconds;

    public EndpointException(int status, int retryAfterSeconds, String message) {
        super("endpoint answered " + status + ": " + message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** 429 or 5xx: the server is busy or failing, another try may succeed. */
    public boolean retryable() {
        return status == 429 || status >= 500;
    }
}
