package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medgo.gateway.security.TestIssuer.AUDIENCE;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.ISSUER;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;

/**
 * Issue 15 V2 and the token lines of its lower list, against {@link TestIssuer}'s real JWKS and RFC 7662
 * introspection endpoint with signed tokens: the introspected {@code aud} is checked, lifetimes are capped,
 * RFC 9068 {@code at+jwt} tokens are accepted.
 */
class TokenAudienceAndLifetimeTest {

    private static final SecurityProperties INTROSPECTED = new SecurityProperties(true, ISSUER, AUDIENCE, null,
            "http://127.0.0.1:" + INSTANCE.port + "/introspect", "medgo-gateway", "demo-introspection-secret", null, null, List.of());

    @Test
    void anIntrospectedTokenForAnotherApiIsRefused() throws Exception {
        String forBilling = INSTANCE.token("system/*.cruds", b -> b.audience("https://billing.hospital.test"));
        String noAudience = INSTANCE.token("system/*.cruds", b -> b.audience(List.of()));
        OpaqueTokenIntrospector plain = SpringOpaqueTokenIntrospector.withIntrospectionUri(INTROSPECTED.introspectionUri())
                .clientId("medgo-gateway").clientSecret("demo-introspection-secret").build();
        assertThat(plain.introspect(forBilling).getAttributes()).as("the attack: introspection alone says active").containsKey("scope");

        OpaqueTokenIntrospector gateway = AudienceCheckingIntrospector.of(INTROSPECTED);

        assertThatThrownBy(() -> gateway.introspect(forBilling)).isInstanceOf(BadOpaqueTokenException.class);
        assertThatThrownBy(() -> gateway.introspect(noAudience)).isInstanceOf(BadOpaqueTokenException.class);
        assertThat(gateway.introspect(INSTANCE.token("system/*.cruds")).getAttributes()).containsKey("scope");
    }

    @Test
    void aTokenValidForAThousandYearsIsRefused() throws Exception {
        Date year3000 = Date.from(Instant.parse("3000-01-01T00:00:00Z"));
        String forever = INSTANCE.token("system/*.cruds", b -> b.expirationTime(year3000));

        assertThatThrownBy(() -> AudienceCheckingIntrospector.of(INTROSPECTED).introspect(forever)).isInstanceOf(BadOpaqueTokenException.class);
        assertThatThrownBy(() -> jwtDecoder().decode(forever)).isInstanceOf(JwtValidationException.class);
        assertThat(jwtDecoder().decode(INSTANCE.token("system/*.cruds")).getExpiresAt()).isNotNull();
    }

    @Test
    void anRfc9068AccessTokenIsAccepted() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(INSTANCE.rsa.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), TestIssuer.claims("system/*.cruds").build());
        jwt.sign(new RSASSASigner(INSTANCE.rsa));

        assertThat(jwtDecoder().decode(jwt.serialize()).getClaimAsString("scope")).isEqualTo("system/*.cruds");
    }

    private static JwtDecoder jwtDecoder() {
        return JwtDecoders.remote("http://127.0.0.1:" + INSTANCE.port + "/jwks", ISSUER, AUDIENCE);
    }
}
