package org.medgo.gateway.operations.idempotency;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/** 409: the request id was used before with another input. */
public final class IdempotencyConflictException extends ResourceVersionConflictException {

    public IdempotencyConflictException() {
        super("this request id was used before with another input; send a new request id for a new record");
    }
}
