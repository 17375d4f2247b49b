package org.medgo.gateway.operations.input;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/** 415: the body is neither FHIR JSON nor FHIR XML. */
public final class UnsupportedMediaTypeException extends BaseServerResponseException {

    public UnsupportedMediaTypeException(String message) {
        super(415, message);
    }
}
