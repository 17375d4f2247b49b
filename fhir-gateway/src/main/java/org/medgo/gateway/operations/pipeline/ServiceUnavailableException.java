package org.medgo.gateway.operations.pipeline;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** 503 with Retry-After: the model is busy (queue full) or did not answer in the synchronous timeout. */
public final class ServiceUnavailableException extends BaseServerResponseException {

    public ServiceUnavailableException(String message, int retryAfterSeconds) {
        super(503, message);
        addResponseHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }
}
