package org.medgo.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong or missing value fails at install (values.schema.json or the chart's checks), saying which. */
class ValuesThatMustNotInstallTest {

    static Stream<Arguments> cases() {
        Path prod = Chart.PRODUCTION_VALUES;
        return Stream.of(
                Arguments.of(null, Map.of("profile", "prod"), "profile"),
                Arguments.of(null, Map.of("inference.maxBatch", 0), "maxBatch"),
                Arguments.of(null, Map.of("database.url", "postgres://db/medgo"), "url"),
                Arguments.of(null, Map.of("model.source", "s3"), "source"),
                Arguments.of(null, Map.of("replicaCount", 2), "embedded PostgreSQL serves one replica"),
                Arguments.of(null, Map.of("inference.backend", "openai"), "inference.url"),
                Arguments.of(null, Map.of("model.source", "pvc"), "model.pvc.claimName"),
                Arguments.of(null, Map.of("inference.gpu.count", 9), "count"),
                Arguments.of(null, Map.of("audit.checkpointInterval", "often"), "checkpointInterval"),
                Arguments.of(null, Map.of("serviceMonitr.enabled", true), "serviceMonitr"),
                Arguments.of(prod, Map.of("database.url", ""), "set database.url"),
                Arguments.of(prod, Map.of("secrets.existingSecret", ""), "set secrets.existingSecret"),
                Arguments.of(prod, Map.of("audit.keySecret", ""), "set audit.keySecret"),
                Arguments.of(prod, Map.of("oauth.issuer", ""), "set oauth.issuer"),
                Arguments.of(prod, Map.of("oauth.audience", ""), "set oauth.audience"),
                Arguments.of(prod, Map.of("database.egress.cidr", ""), "database.egress.cidr"),
                Arguments.of(prod, Map.of("oauth.egress.cidr", "10.0.0.1"), "cidr"));
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @MethodSource("cases")
    void isRefusedWithAMessageNamingIt(Path values, Map<String, Object> set, String message) {
        assertThatThrownBy(() -> Chart.render(values, set)).hasMessageContaining(message);
    }
}
