package org.medgo.gateway.ehr;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The EMR connection, when {@code MEDGO_EHR_BASE_URL} is set; the {@code ehr} health indicator either way
 * (UNKNOWN when no EMR is configured, DOWN while the circuit is open).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EhrProperties.class)
public class EhrConfiguration {

    @Bean
    EhrConnection ehrConnection(EhrProperties properties, FhirContext fhir) {
        EhrClient.configure(fhir, properties);
        if (!properties.configured()) {
            return new EhrConnection(null, properties, fhir);
        }
        Clock clock = Clock.systemUTC();
        ClientAssertion assertion = new ClientAssertion(properties.clientId(), properties.tokenUri(), properties.keyId(),
                ClientAssertion.parsePrivateKey(properties.privateKey()), clock);
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        BackendServicesToken token = new BackendServicesToken(properties.tokenUri(), properties.clientId(), properties.scopes(), assertion, http,
                properties.readTimeout(), clock);
        CircuitBreaker breaker = new CircuitBreaker(properties.breakerFailures(), properties.breakerOpenFor(), clock);
        RetryingCalls calls = new RetryingCalls(breaker, token, properties.maxAttempts(), properties.initialBackoff(),
                properties.maxBackoff(), d -> Thread.sleep(d.toMillis()));
        return new EhrConnection(new EhrClient(fhir, properties.fhirBase(), token, calls, breaker, properties.pageSize()), properties, fhir);
    }

    @Bean("ehr")
    HealthIndicator ehrHealth(EhrConnection connection) {
        return () -> connection.client().map(c -> switch (c.circuit()) {
            case CLOSED -> Health.up().build();
            case HALF_OPEN -> Health.up().withDetail("circuit", "half-open").build();
            case OPEN -> Health.down().withDetail("circuit", "open").build();
        }).orElse(Health.unknown().withDetail("reason", "MEDGO_EHR_BASE_URL not set").build());
    }
}
