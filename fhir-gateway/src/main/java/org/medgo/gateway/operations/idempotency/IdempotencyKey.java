package org.medgo.gateway.operations.idempotency;

import org.medgo.gateway.audit.Requester;

/**
 * Whose request id it is: the authenticated client (the token's {@code client_id}/{@code azp}), else its
 * user, else nobody (security off). Another client's request id is simply another key.
 *
 * @param client    {@code client:<id>}, {@code user:<id>} or empty
 * @param requestId the caller's {@code X-Request-Id} / {@code requestId}
 */
public record IdempotencyKey(String client, String requestId) {

    public static IdempotencyKey of(Requester requester, String requestId) {
        return new IdempotencyKey(clientOf(requester), requestId);
    }

    /** The client part alone: whose jobs and request ids a requester may see. */
    public static String clientOf(Requester requester) {
        if (requester.clientId() != null && !requester.clientId().isBlank()) return "client:" + requester.clientId();
        if (requester.userId() != null && !requester.userId().isBlank()) return "user:" + requester.userId();
        return "";
    }
}
