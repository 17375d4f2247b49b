package org.medgo.gateway.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made a request, as far as the audit trail is concerned. The security layer sets the request
 * attributes {@link #CLIENT_ATTRIBUTE} (OAuth client id) and {@link #USER_ATTRIBUTE} (user, e.g. the
 * token's fhirUser or sub) after validating the token; without them the servlet principal is the user.
 */
public record Requester(String clientId, String userId) {
    public static final String CLIENT_ATTRIBUTE = "org.medgo.audit.client";
    public static final String USER_ATTRIBUTE = "org.medgo.audit.user";
    /** The token's {@code fhirUser} claim alone (no {@code sub} fallback): who may sign a review decision. */
    public static final String FHIR_USER_ATTRIBUTE = "org.medgo.audit.fhirUser";

    public static Requester of(HttpServletRequest request) {
        if (request == null) {
            return new Requester(null, null);
        }
        Object client = request.getAttribute(CLIENT_ATTRIBUTE);
        Object user = request.getAttribute(USER_ATTRIBUTE);
        if (user == null && request.getUserPrincipal() != null) {
            user = request.getUserPrincipal().getName();
        }
        return new Requester(client == null ? null : client.toString(), user == null ? null : user.toString());
    }
}
