package org.medgo.gateway.operations.jobs;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.medgo.gateway.operations.idempotency.IdempotencyConflictException;
import org.medgo.gateway.operations.pipeline.ServiceUnavailableException;

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

    /**
     * The failure as stored and shown by {@code $job-status}. Messages the gateway words itself pass; any
     * other (a validator's, a parser's) may quote the record, and the job row outlives the request, so it
     * is replaced by its status.
     */
    public static JobFailure of(BaseServerResponseException e) {
        boolean ownWords = e instanceof ServiceUnavailableException || e instanceof IdempotencyConflictException;
        return new JobFailure(e.getStatusCode(), ownWords ? e.getMessage()
                : "the record was refused (HTTP " + e.getStatusCode() + "); a synchronous call shows the details");
    }
}
