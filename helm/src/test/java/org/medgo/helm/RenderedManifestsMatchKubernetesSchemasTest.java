package org.medgo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every manifest the chart renders, for each way a hospital sets it up, is a valid Kubernetes object. */
class RenderedManifestsMatchKubernetesSchemasTest {

    private static KubernetesSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = KubernetesSchemas.load();
    }

    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("demo defaults", null, Map.of()),
                Arguments.of("production example", Chart.PRODUCTION_VALUES, Map.of()),
                Arguments.of("every option on", Chart.PRODUCTION_VALUES, Map.<String, Object>of(
                        "autoscaling.enabled", true,
                        "model.source", "initContainer",
                        "model.initContainer.image", "registry.hospital.example/medgo/model-32b:1",
                        "inference.backend", "openai",
                        "inference.url", "http://vllm.inference.svc:8000/v1",
                        "inference.modelSha256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "inference.egress.cidr", "10.40.0.0/16",
                        "ehr.baseUrl", "https://ehr.hospital.example/fhir/R4",
                        "ehr.egress.cidr", "10.50.0.0/16")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("setups")
    void everyManifestValidates(String setup, Path values, Map<String, Object> set) {
        List<JsonNode> manifests = Chart.render(values, set);
        List<String> violations = new ArrayList<>();
        for (JsonNode manifest : manifests) {
            String apiVersion = manifest.path("apiVersion").asText();
            if (apiVersion.startsWith("monitoring.coreos.com/")) {
                assertThat(manifest.at("/spec/endpoints/0/path").asText()).isEqualTo("/actuator/prometheus");
                continue; // a Prometheus Operator CRD: no schema in the Kubernetes API
            }
            violations.addAll(schemas.violations(manifest));
        }
        assertThat(manifests).extracting(m -> m.path("kind").asText()).contains("Deployment", "Service", "ConfigMap");
        assertThat(violations).isEmpty();
    }

    @Test
    void theSchemasRejectAMisspeltField() {
        ObjectNode deployment = (ObjectNode) Chart.one(Chart.render(null, Map.of()), "Deployment").deepCopy();
        assertThat(schemas.violations(deployment)).isEmpty();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("livenessProbes", "typo");
        assertThat(schemas.violations(deployment)).anyMatch(v -> v.contains("livenessProbes"));
    }
}
