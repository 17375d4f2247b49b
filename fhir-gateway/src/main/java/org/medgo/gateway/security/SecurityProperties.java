package org.medgo.gateway.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code medgo.security.*}. {@code issuer} (MEDGO_OAUTH_ISSUER) set = production: tokens of that issuer
 * only, no embedded authorization server. Unset = demo: the embedded server issues the tokens.
 *
 * @param enabled        false only for tests of other features; the app logs a warning on every start
 * @param issuer         expected {@code iss}; its {@code /.well-known/openid-configuration} names the JWKS
 * @param audience       expected {@code aud}: required with an issuer (the demo server's tokens carry {@code medgo-fhir})
 * @param jwksUri        the issuer's JWKS, when it publishes no discovery document
 * @param introspectionUri RFC 7662 endpoint: opaque tokens are introspected instead of decoded
 * @param introspectionClientId the gateway's client at the introspection endpoint
 * @param introspectionClientSecret its secret (from the environment, never the repo)
 * @param authorizeUri   authorization endpoint advertised in SMART discovery (production)
 * @param tokenUri       token endpoint advertised in SMART discovery (production)
 * @param corsOrigins    browser origins allowed to call the FHIR API (none by default)
 */
@ConfigurationProperties("medgo.security")
public record SecurityProperties(Boolean enabled, String issuer, String audience, String jwksUri, String introspectionUri,
        String introspectionClientId, String introspectionClientSecret, String authorizeUri, String tokenUri,
        List<String> corsOrigins) {

    public SecurityProperties {
        enabled = enabled == null || enabled;
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        jwksUri = blankToNull(jwksUri);
        introspectionUri = blankToNull(introspectionUri);
        authorizeUri = blankToNull(authorizeUri);
        tokenUri = blankToNull(tokenUri);
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    public boolean demo() {
        return issuer == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
