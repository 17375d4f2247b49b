package org.medgo.gateway.ehr;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * The EMR could not be used (token refused, unreachable, 5xx after the retries, circuit open): a 503 for
 * the gateway's caller, whose own request was fine.
 */
public class EhrUnavailableException extends BaseServerResponseException {

    public EhrUnavailableException(String message, Throwable cause) {
        super(503, message, cause);
    }
}
