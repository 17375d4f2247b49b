package org.medgo.gateway.ehr;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The EMR's FHIR API and how the gateway signs in to it (SMART Backend Services). Without {@code baseUrl}
 * there is no EMR connection: pull mode, write-back and CDS Hooks generation from the EMR are off.
 * {@code privateKey}: PKCS#8 PEM text, or the path of a file holding it (RSA → RS384, EC P-384 → ES384).
 */
@ConfigurationProperties("medgo.ehr")
public record EhrProperties(URI baseUrl, String clientId, String privateKey, String keyId, URI tokenUri, String scopes,
        Duration connectTimeout, Duration readTimeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff,
        int breakerFailures, Duration breakerOpenFor, int pageSize, int maxResourcesPerType, int maxBinaryBytes) {

    public EhrProperties {
        baseUrl = blank(baseUrl);
        tokenUri = blank(tokenUri);
        connectTimeout = orDefault(connectTimeout, Duration.ofSeconds(5));
        readTimeout = orDefault(readTimeout, Duration.ofSeconds(30));
        initialBackoff = orDefault(initialBackoff, Duration.ofMillis(500));
        maxBackoff = orDefault(maxBackoff, Duration.ofSeconds(10));
        breakerOpenFor = orDefault(breakerOpenFor, Duration.ofSeconds(30));
        maxAttempts = maxAttempts <= 0 ? 4 : maxAttempts;
        breakerFailures = breakerFailures <= 0 ? 5 : breakerFailures;
        pageSize = pageSize <= 0 ? 100 : pageSize;
        maxResourcesPerType = maxResourcesPerType <= 0 ? 500 : maxResourcesPerType;
        maxBinaryBytes = maxBinaryBytes <= 0 ? 1 << 20 : maxBinaryBytes;
        if (baseUrl != null) {
            require(clientId != null && !clientId.isBlank(), "MEDGO_EHR_CLIENT_ID");
            require(privateKey != null && !privateKey.isBlank(), "MEDGO_EHR_PRIVATE_KEY");
            require(tokenUri != null, "MEDGO_EHR_TOKEN_URI");
            require(pageSize <= 1000, "MEDGO_EHR_PAGE_SIZE (at most 1000)");
        }
    }

    public boolean configured() {
        return baseUrl != null;
    }

    String fhirBase() {
        String s = baseUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("MEDGO_EHR_BASE_URL is set, so " + what + " is required");
        }
    }

    private static URI blank(URI uri) {
        return uri == null || uri.toString().isBlank() ? null : uri;
    }

    private static Duration orDefault(Duration value, Duration fallback) {
        return value == null || value.isZero() || value.isNegative() ? fallback : value;
    }
}
