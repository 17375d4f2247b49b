package org.medgo.gateway.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

/**
 * A real token issuer for the tests: RSA and EC keys, a JWKS served over HTTP (so the gateway fetches
 * keys the way it does from a hospital's server), and properly signed JWTs, plus the forged kinds an
 * attacker sends (unsigned, HMAC-signed with the public key, unknown key).
 */
final class TestIssuer {

    static final String ISSUER = "https://idp.hospital.test/realms/emr";
    static final String AUDIENCE = "https://gateway.hospital.test/fhir";
    static final TestIssuer INSTANCE = start();

    private final List<JWK> published = new CopyOnWriteArrayList<>();
    final RSAKey rsa;
    final ECKey ec;
    final int port;

    private TestIssuer(RSAKey rsa, ECKey ec, int port) {
        this.rsa = rsa;
        this.ec = ec;
        this.port = port;
    }

    private static TestIssuer start() {
        try {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            TestIssuer issuer = new TestIssuer(rsa, ec, server.getAddress().getPort());
            issuer.published.add(rsa.toPublicJWK());
            issuer.published.add(ec.toPublicJWK());
            server.createContext("/jwks", exchange -> {
                byte[] body = new JWKSet(List.copyOf(issuer.published)).toString(true).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/introspect", exchange -> {
                // RFC 7662: the token from the form body; active with its claims when this issuer signed it and it has not expired
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String token = java.net.URLDecoder.decode(form.replaceAll("^(?:.*&)?token=([^&]*).*$", "$1"), StandardCharsets.UTF_8);
                byte[] body = issuer.introspect(token).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(null);
            server.start();
            return issuer;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The introspection answer for a token: its claims and {@code active: true} when genuine and unexpired. */
    private String introspect(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(rsa.toRSAPublicKey()))
                    || jwt.getJWTClaimsSet().getExpirationTime().before(new Date())) {
                return "{\"active\":false}";
            }
            Map<String, Object> claims = new java.util.HashMap<>(jwt.getJWTClaimsSet().toJSONObject());
            claims.put("active", true);
            return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims);
        } catch (Exception e) {
            return "{\"active\":false}";
        }
    }

    /** Key rotation: a new RSA key appears in the JWKS (the old one stays until its tokens expire). */
    RSAKey rotate() throws Exception {
        RSAKey next = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
        published.add(next.toPublicJWK());
        return next;
    }

    static JWTClaimsSet.Builder claims(String scope) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-1").claim("client_id", "emr")
                .claim("scope", scope).issueTime(Date.from(now)).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
    }

    String rs256(JWTClaimsSet claims) throws Exception {
        return sign(rsa, claims);
    }

    String token(String scope) throws Exception {
        return rs256(claims(scope).build());
    }

    String token(String scope, Consumer<JWTClaimsSet.Builder> change) throws Exception {
        JWTClaimsSet.Builder b = claims(scope);
        change.accept(b);
        return rs256(b.build());
    }

    static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    String es256(JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(ec));
        return jwt.serialize();
    }

    /** {@code alg: none}: no signature at all. */
    static String unsigned(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** The algorithm-confusion attack: HS256 with the issuer's PUBLIC key bytes as the HMAC secret. */
    String hmacWithPublicKey(JWTClaimsSet claims) throws Exception {
        byte[] secret = rsa.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(rsa.getKeyID()).build(), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    /** A valid RS256 signature whose key id claims to be the issuer's: the signature must not verify. */
    static String signedByStranger(String kid, JWTClaimsSet claims) throws Exception {
        return sign(new RSAKeyGenerator(2048).keyID(kid).generate(), claims);
    }

    /** Points the gateway at this issuer (production profile: no embedded authorization server). */
    static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                    "medgo.security.enabled=true",
                    "medgo.security.issuer=" + ISSUER,
                    "medgo.security.audience=" + AUDIENCE,
                    "medgo.security.jwks-uri=http://127.0.0.1:" + INSTANCE.port + "/jwks",
                    "medgo.security.authorize-uri=" + ISSUER + "/protocol/openid-connect/auth",
                    "medgo.security.token-uri=" + ISSUER + "/protocol/openid-connect/token",
                    "medgo.security.cors-origins=https://emr.hospital.test");
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
