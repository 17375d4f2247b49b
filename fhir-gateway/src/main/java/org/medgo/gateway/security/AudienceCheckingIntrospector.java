package org.medgo.gateway.security;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;

/**
 * RFC 7662 introspection with the checks a JWT gets (issue 15 V2): an active token is accepted only when
 * its {@code aud} names this server and its {@code exp} is present and within the lifetime cap, so a token
 * the same issuer minted for another API does not work here.
 */
final class AudienceCheckingIntrospector implements OpaqueTokenIntrospector {

    private final OpaqueTokenIntrospector delegate;
    private final String audience;

    AudienceCheckingIntrospector(OpaqueTokenIntrospector delegate, String audience) {
        this.delegate = delegate;
        this.audience = audience;
    }

    static OpaqueTokenIntrospector of(SecurityProperties props) {
        if (props.audience() == null) {
            throw new IllegalStateException("MEDGO_OAUTH_AUDIENCE is required with MEDGO_OAUTH_INTROSPECTION_URI (the aud this gateway accepts)");
        }
        return new AudienceCheckingIntrospector(SpringOpaqueTokenIntrospector.withIntrospectionUri(props.introspectionUri())
                .clientId(props.introspectionClientId()).clientSecret(props.introspectionClientSecret()).build(), props.audience());
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        OAuth2AuthenticatedPrincipal principal = delegate.introspect(token);
        if (!audiences(principal.getAttribute(OAuth2TokenIntrospectionClaimNames.AUD)).contains(audience)) {
            throw new BadOpaqueTokenException("aud does not name this server");
        }
        Object exp = principal.getAttribute(OAuth2TokenIntrospectionClaimNames.EXP);
        if (!(exp instanceof Instant expires) || !TokenLifetime.acceptable(expires, Instant.now())) {
            throw new BadOpaqueTokenException("exp is missing or beyond the accepted token lifetime");
        }
        return principal;
    }

    private static List<String> audiences(Object aud) {
        if (aud instanceof Collection<?> c) return c.stream().map(String::valueOf).toList();
        return aud == null ? List.of() : List.of(aud.toString());
    }
}
