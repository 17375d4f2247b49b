package org.medgo.gateway.ehr;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Optional;

/**
 * The EMR connection of this gateway, if one is configured; the entry point for pull mode and write-back.
 * {@link #withToken} reads a FHIR server with a token someone else obtained (a CDS client's
 * {@code fhirAuthorization}), with the same timeouts and retries.
 */
public final class EhrConnection {

    private final EhrClient client;
    private final EhrProperties properties;
    private final FhirContext fhir;

    EhrConnection(EhrClient client, EhrProperties properties, FhirContext fhir) {
        this.client = client;
        this.properties = properties;
        this.fhir = fhir;
    }

    public Optional<EhrClient> client() {
        return Optional.ofNullable(client);
    }

    /** The client, or a 503 for a caller who asked for something that needs the EMR. */
    public EhrClient require() {
        if (client == null) {
            throw new EhrUnavailableException("no EMR is connected (set MEDGO_EHR_BASE_URL and the MEDGO_EHR_* variables)", null);
        }
        return client;
    }

    public EhrClient withToken(String fhirServer, String accessToken) {
        AccessTokens token = AccessTokens.fixed(accessToken);
        CircuitBreaker breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerOpenFor(), Clock.systemUTC());
        RetryingCalls calls = new RetryingCalls(breaker, token, properties.maxAttempts(), properties.initialBackoff(),
                properties.maxBackoff(), d -> Thread.sleep(d.toMillis()));
        String base = fhirServer.endsWith("/") ? fhirServer.substring(0, fhirServer.length() - 1) : fhirServer;
        return new EhrClient(fhir, base, token, calls, breaker, properties.pageSize());
    }

    /** The configured EMR's FHIR base, if any. */
    public Optional<String> base() {
        return client().map(EhrClient::base);
    }

    public int maxResourcesPerType() {
        return properties.maxResourcesPerType();
    }

    public int maxBinaryBytes() {
        return properties.maxBinaryBytes();
    }
}
