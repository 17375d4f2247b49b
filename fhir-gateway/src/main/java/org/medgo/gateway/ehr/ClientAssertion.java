package org.medgo.gateway.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * The {@code private_key_jwt} client assertion of SMART Backend Services: {@code iss} = {@code sub} = the
 * client id, {@code aud} = the token endpoint, a fresh {@code jti}, five minutes to live (the maximum the
 * spec allows), signed RS384 with an RSA key or ES384 with an EC P-384 key, {@code kid} in the header.
 */
final class ClientAssertion {

    private final String clientId;
    private final URI tokenUri;
    private final String keyId;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final Clock clock;

    ClientAssertion(String clientId, URI tokenUri, String keyId, PrivateKey key, Clock clock) {
        this.clientId = clientId;
        this.tokenUri = tokenUri;
        this.keyId = keyId == null || keyId.isBlank() ? null : keyId;
        this.clock = clock;
        try {
            if (key instanceof ECPrivateKey ec) {
                this.signer = new ECDSASigner(ec);
                this.algorithm = JWSAlgorithm.ES384;
            } else {
                this.signer = new RSASSASigner(key);
                this.algorithm = JWSAlgorithm.RS384;
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("MEDGO_EHR_PRIVATE_KEY cannot sign: " + e.getMessage(), e);
        }
    }

    String algorithm() {
        return algorithm.getName();
    }

    String sign() {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(tokenUri.toString())
                .jwtID(UUID.randomUUID().toString()).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the client assertion failed", e);
        }
        return jwt.serialize();
    }

    /** PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), given inline or as a file path. */
    static PrivateKey parsePrivateKey(String pemOrPath) {
        String pem = pemOrPath.strip();
        if (!pem.startsWith("-----BEGIN")) {
            try {
                pem = Files.readString(Path.of(pem)).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("MEDGO_EHR_PRIVATE_KEY is neither PEM text nor a readable file", e);
            }
        }
        if (!pem.startsWith("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("MEDGO_EHR_PRIVATE_KEY must be PKCS#8 PEM (-----BEGIN PRIVATE KEY-----); "
                    + "convert with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("MEDGO_EHR_PRIVATE_KEY is neither an RSA nor an EC private key");
    }
}
