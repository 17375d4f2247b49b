package org.medgo.gateway.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMART Backend Services client assertion: RS384 from an RSA key, ES384 from a P-384 key, read from PEM. */
class ClientAssertionTest {

    private static final URI TOKEN = URI.create("https://emr.example/oauth2/token");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T04:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path work;

    @Test
    void anRsaKeySignsRs384WithTheClaimsSmartAsksFor() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        ClientAssertion assertion = new ClientAssertion("medgo", TOKEN, "k1", ClientAssertion.parsePrivateKey(pem(pair)), CLOCK);

        SignedJWT jwt = SignedJWT.parse(assertion.sign());

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS384");
        assertThat(jwt.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("medgo");
        assertThat(claims.getSubject()).isEqualTo("medgo");
        assertThat(claims.getAudience()).containsExactly(TOKEN.toString());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(CLOCK.instant().plusSeconds(300));
        assertThat(claims.getJWTID()).isNotBlank().isNotEqualTo(SignedJWT.parse(assertion.sign()).getJWTClaimsSet().getJWTID());
    }

    @Test
    void aP384KeyFromAFileSignsEs384() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = g.generateKeyPair();
        Path file = work.resolve("key.pem");
        Files.writeString(file, pem(pair));
        ClientAssertion assertion = new ClientAssertion("medgo", TOKEN, null, ClientAssertion.parsePrivateKey(file.toString()), CLOCK);

        SignedJWT jwt = SignedJWT.parse(assertion.sign());

        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES384");
        assertThat(jwt.verify(new ECDSAVerifier((ECPublicKey) pair.getPublic()))).isTrue();
    }

    @Test
    void aKeyThatIsNotPkcs8PemIsRefusedWithTheFix() {
        assertThatThrownBy(() -> ClientAssertion.parsePrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("openssl pkcs8 -topk8");
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
