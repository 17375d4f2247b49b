package org.medgo.gateway.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Builds the JWT decoders. Only asymmetric signatures from the allow-list verify (RS256, ES256, PS256):
 * an unsigned token ({@code alg: none}) or one signed with HMAC using the public key as the secret never
 * reaches a verifier. Every token must carry {@code exp}; {@code exp}/{@code nbf} are checked with 30 s of
 * clock skew; {@code aud} must contain the configured audience.
 */
final class JwtDecoders {

    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.PS256);
    private static final Duration SKEW = Duration.ofSeconds(30);
    /** {@code typ}: none, {@code JWT}, or RFC 9068's {@code at+jwt} for access tokens. */
    private static final DefaultJOSEObjectTypeVerifier<SecurityContext> TYPES = new DefaultJOSEObjectTypeVerifier<>(
            JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null);

    private JwtDecoders() {}

    /**
     * A remote issuer: keys from its JWKS (fetched again when an unknown {@code kid} arrives: key rotation);
     * without {@code jwksUri} the issuer's discovery document names it, looked up on first use.
     */
    static NimbusJwtDecoder remote(String jwksUri, String issuer, String audience) {
        NimbusJwtDecoder decoder = (jwksUri != null ? NimbusJwtDecoder.withJwkSetUri(jwksUri) : NimbusJwtDecoder.withIssuerLocation(issuer))
                .jwsAlgorithms(a -> {
                    a.add(SignatureAlgorithm.RS256);
                    a.add(SignatureAlgorithm.ES256);
                    a.add(SignatureAlgorithm.PS256);
                })
                .jwtProcessorCustomizer(p -> p.setJWSTypeVerifier(TYPES))
                .build();
        decoder.setJwtValidator(validator(issuer, audience));
        return decoder;
    }

    /** The demo's own keys, in process. */
    static NimbusJwtDecoder local(JWKSource<SecurityContext> keys, String audience) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALLOWED, keys));
        processor.setJWSTypeVerifier(TYPES);
        // Spring validates the claims; Nimbus's own claim checks would duplicate them
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(validator(null, audience));
        return decoder;
    }

    static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "exp is required", null)));
        validators.add(new JwtTimestampValidator(SKEW));
        validators.add(jwt -> jwt.getExpiresAt() == null || TokenLifetime.acceptable(jwt.getExpiresAt(), java.time.Instant.now())
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "exp is beyond the accepted token lifetime", null)));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(jwt -> {
            List<String> aud = jwt.getClaimAsStringList(JwtClaimNames.AUD);
            return aud != null && aud.contains(audience) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "aud does not name this server", null));
        });
        return new DelegatingOAuth2TokenValidator<>(validators);
    }
}
