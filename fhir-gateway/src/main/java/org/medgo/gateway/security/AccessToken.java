package org.medgo.gateway.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * What the gateway uses from a validated token (JWT claims or introspection attributes): client, user
 * ({@code fhirUser}, else {@code sub}), SMART scopes and the launch context.
 */
public record AccessToken(String clientId, String user, SmartScopes scopes, String patient, String encounter, String fhirUser) {

    public static AccessToken of(Authentication authentication) {
        Object principal = authentication == null ? null : authentication.getPrincipal();
        Map<String, Object> claims;
        if (principal instanceof Jwt jwt) {
            claims = jwt.getClaims();
        } else if (principal instanceof OAuth2AuthenticatedPrincipal p) {
            claims = p.getAttributes();
        } else {
            return null;
        }
        String client = string(claims.get("client_id"));
        if (client == null) client = string(claims.get("azp"));
        String fhirUser = string(claims.get("fhirUser"));
        String user = fhirUser != null ? fhirUser : string(claims.get("sub"));
        return new AccessToken(client, user, SmartScopes.parse(scopes(claims.get("scope"), claims.get("scp"))),
                string(claims.get("patient")), string(claims.get("encounter")), fhirUser);
    }

    /** The launch patient as a reference ({@code Patient/123}); null without patient context. */
    public String patientReference() {
        return patient == null ? null : patient.startsWith("Patient/") ? patient : "Patient/" + patient;
    }

    private static List<String> scopes(Object scope, Object scp) {
        Object value = scope != null ? scope : scp;
        if (value instanceof String s) return Arrays.asList(s.trim().split("\\s+"));
        if (value instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
        return List.of();
    }

    private static String string(Object o) {
        return o == null ? null : o.toString();
    }
}
