package org.medgo.gateway.operations.jobs;

/**
 * Why a job failed, as its {@code $job-status} answers it: the HTTP status the synchronous call would have
 * had and a message for the client.
 */
public record JobFailure(int status, String message) {

    public JobFailure {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a job failure is a 4xx or 5xx status, not " + status);
        }
    }
}
