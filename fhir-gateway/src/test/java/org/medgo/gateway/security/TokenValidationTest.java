package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;
import static org.medgo.gateway.security.TestIssuer.claims;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.medgo.gateway.operations.FhirHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Real signed tokens against the JWT resource server: only a token of the configured issuer, for this
 * audience, in its validity window, signed by a published key with an allowed algorithm gets in; every
 * refusal is a 401 OperationOutcome with {@code WWW-Authenticate} and an audit record.
 */
@SecuredGatewayTest
class TokenValidationTest {

    private static final String READ = "system/Composition.rs";
    private static final String PATH = "/fhir/Composition?status=preliminary";

    @LocalServerPort
    int port;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aValidTokenGetsIn() throws Exception {
        assertThat(get(INSTANCE.token(READ)).statusCode()).isEqualTo(200);
        assertThat(get(INSTANCE.es256(claims(READ).build())).statusCode()).as("ES256").isEqualTo(200);
    }

    @Test
    void noTokenIs401WithAChallengeAndAnOperationOutcome() throws Exception {
        long before = denials();
        HttpResponse<String> r = new FhirHttp(port).get(PATH, Map.of());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(r.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("login");
        assertThat(denials()).isGreaterThan(before);
    }

    @Test
    void wrongIssuerAudienceOrTimesAreRefused() throws Exception {
        Instant now = Instant.now();
        assertRefused(INSTANCE.token(READ, b -> b.issuer("https://evil.test")), "wrong issuer");
        assertRefused(INSTANCE.token(READ, b -> b.audience("https://other-server.test/fhir")), "wrong audience");
        assertRefused(INSTANCE.token(READ, b -> b.audience((String) null)), "no audience");
        assertRefused(INSTANCE.token(READ, b -> b.expirationTime(Date.from(now.minusSeconds(120)))), "expired");
        assertRefused(INSTANCE.token(READ, b -> b.expirationTime(null)), "no exp");
        assertRefused(INSTANCE.token(READ, b -> b.notBeforeTime(Date.from(now.plusSeconds(600)))), "not yet valid");
    }

    @Test
    void forgedSignaturesAreRefused() throws Exception {
        JWTClaimsSet valid = claims(READ).build();
        assertRefused(TestIssuer.unsigned(valid), "alg none");
        assertRefused(INSTANCE.hmacWithPublicKey(valid), "HS256 with the public key as secret");
        assertRefused(TestIssuer.signedByStranger("rsa-1", valid), "issuer's kid, stranger's key");
        assertRefused(TestIssuer.signedByStranger("unknown-kid", valid), "unknown kid");
        String good = INSTANCE.rs256(valid);
        String tampered = good.substring(0, good.indexOf('.') + 1)
                + com.nimbusds.jose.util.Base64URL.encode(claims("system/*.cruds").build().toString()) + good.substring(good.lastIndexOf('.'));
        assertRefused(tampered, "payload changed after signing");
        assertRefused("not-a-jwt", "garbage");
    }

    @Test
    void aRotatedKeyIsPickedUpFromTheJwks() throws Exception {
        var next = INSTANCE.rotate();
        assertThat(get(TestIssuer.sign(next, claims(READ).build())).statusCode()).isEqualTo(200);
        assertThat(get(INSTANCE.token(READ)).statusCode()).as("old key still published").isEqualTo(200);
    }

    private void assertRefused(String token, String why) throws Exception {
        HttpResponse<String> r = get(token);
        assertThat(r.statusCode()).as(why).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).as(why).contains("invalid_token");
        assertThat(r.body()).as(why).contains("OperationOutcome").doesNotContain("Exception").doesNotContain("at org.");
    }

    private HttpResponse<String> get(String token) throws Exception {
        return new FhirHttp(port).get(PATH, bearer(token));
    }

    private long denials() {
        return JdbcClient.create(dataSource).sql("SELECT count(*) FROM audit_event WHERE subtype = 'denied'").query(Long.class).single();
    }
}
