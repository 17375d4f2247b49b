package org.medgo.gateway.cdshooks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Trusting CDS clients (CDS Hooks 2.0 §"Trusting CDS Clients"): each call carries a JWT signed by the client
 * ({@code Authorization: Bearer}), ES384 or RS384; its {@code iss} must be configured, and the key comes from
 * that issuer's configured JWKS (never from a {@code jku} in the token); {@code aud} must be the service's
 * URL; {@code exp}, {@code iat} and {@code jti} are required, and a {@code jti} is accepted once.
 */
@Component
class CdsClientAuthentication {

    /** Who called: the client's issuer and the token's id. */
    record CdsClient(String issuer, String tokenId) {}

    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final CdsHooksProperties properties;
    private final Map<String, DefaultJWTProcessor<SecurityContext>> processors = new ConcurrentHashMap<>();
    private final Map<String, Instant> seenTokenIds = new ConcurrentHashMap<>();

    CdsClientAuthentication(CdsHooksProperties properties) {
        this.properties = properties;
    }

    CdsClient verify(String authorization, String serviceUrl) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refused("a CDS client JWT is required (Authorization: Bearer)");
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(authorization.substring(7).strip());
        } catch (java.text.ParseException e) {
            throw new Refused("the bearer token is not a signed JWT");
        }
        String issuer;
        try {
            issuer = jwt.getJWTClaimsSet().getIssuer();
        } catch (java.text.ParseException e) {
            throw new Refused("the JWT's claims cannot be read");
        }
        URI jwks = issuer == null ? null : properties.trustedClients().get(issuer);
        if (jwks == null) {
            throw new Refused("the CDS client is not trusted (issuer not configured)");
        }
        try {
            JWTClaimsSet claims = processors.computeIfAbsent(issuer, i -> processor(i, jwks)).process(jwt, null);
            if (!claims.getAudience().contains(serviceUrl)) {
                throw new Refused("the JWT is for another service (aud)");
            }
            purgeExpired();
            if (seenTokenIds.putIfAbsent(issuer + " " + claims.getJWTID(), claims.getExpirationTime().toInstant()) != null) {
                throw new Refused("the JWT was used before (jti)");
            }
            return new CdsClient(issuer, claims.getJWTID());
        } catch (Refused e) {
            throw e;
        } catch (Exception e) {
            throw new Refused("the JWT is not valid: " + e.getClass().getSimpleName());
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(String issuer, URI jwks) {
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(jwks.toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad JWKS URL for CDS client " + issuer, e);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.ES384, JWSAlgorithm.RS384), keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "aud", "exp", "iat", "jti")));
        return processor;
    }

    private void purgeExpired() {
        Instant now = Instant.now();
        seenTokenIds.values().removeIf(exp -> exp.isBefore(now.minusSeconds(60)));
    }
}
