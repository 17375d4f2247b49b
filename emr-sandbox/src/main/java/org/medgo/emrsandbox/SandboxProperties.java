package org.medgo.emrsandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code clientId}: the gateway's registered SMART Backend Services client; {@code clientJwks}: a file with its
 * public JWKS (what a hospital registers for the client); {@code tokenTtl}: access token lifetime;
 * {@code loaderSecret}: client secret of {@code sandbox-loader}, the client that loads test records;
 * {@code clientPublicKey} + {@code clientKeyId}: instead of a JWKS file, the client's public key as PEM
 * ({@code openssl pkey -pubout}), published as a one-key JWKS.
 */
@ConfigurationProperties("sandbox")
record SandboxProperties(String clientId, Path clientJwks, Duration tokenTtl, String loaderSecret, Path clientPublicKey,
        String clientKeyId) {

    SandboxProperties {
        clientId = clientId == null ? "medgo-gateway" : clientId;
        tokenTtl = tokenTtl == null ? Duration.ofMinutes(5) : tokenTtl;
        loaderSecret = loaderSecret == null ? "sandbox-loader-secret" : loaderSecret;
    }
}
