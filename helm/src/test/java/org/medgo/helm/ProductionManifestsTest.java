package org.medgo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a hospital's platform team checks before installing: probes, GPU, hardening, secrets, network. */
class ProductionManifestsTest {

    private static List<JsonNode> manifests;
    private static JsonNode pod;
    private static JsonNode gateway;

    @BeforeAll
    static void render() {
        manifests = Chart.render(Chart.PRODUCTION_VALUES, Map.of());
        pod = Chart.one(manifests, "Deployment").at("/spec/template/spec");
        gateway = pod.at("/containers/0");
    }

    @Test
    void probesUseActuatorHealthGroupsAndAllowASlowModelLoad() {
        assertThat(gateway.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(gateway.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/actuator/health/readiness");
        JsonNode startup = gateway.path("startupProbe");
        assertThat(startup.at("/httpGet/path").asText()).isEqualTo("/actuator/health/liveness");
        assertThat(startup.path("failureThreshold").asInt() * startup.path("periodSeconds").asInt()).isGreaterThanOrEqualTo(900);
        assertThat(env("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED")).isEqualTo("true");
    }

    @Test
    void theGatewayGetsOneGpuOnAGpuNode() {
        assertThat(gateway.at("/resources/limits/nvidia.com~1gpu").asText()).isEqualTo("1");
        assertThat(pod.at("/nodeSelector/nvidia.com~1gpu.product").asText()).isEqualTo("NVIDIA-H200");
        assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("nvidia.com/gpu");
        assertThat(pod.at("/topologySpreadConstraints/0/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
    }

    @Test
    void theContainerRunsNonRootOnAReadOnlyFilesystemWithoutCapabilities() {
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(gateway.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(gateway.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(gateway.at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
        assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
    }

    @Test
    void secretsComeOnlyFromTheHospitalsSecretsNeverFromTheChart() {
        assertThat(Chart.find(manifests, "Secret")).isEmpty();
        assertThat(gateway.at("/envFrom/0/secretRef/name").asText()).isEqualTo("medgo-gateway-secrets");
        for (JsonNode variable : gateway.path("env")) {
            assertThat(variable.path("name").asText()).doesNotContainPattern("PASSWORD|SECRET|VAULT_KEY|TOKEN");
        }
        Pattern sensitive = Pattern.compile("(?im)^\\s*[\\w-]*(password|secret|vault-key|token)[\\w-]*\\s*:\\s*(\\S+)");
        for (JsonNode configMap : manifests.stream().filter(m -> "ConfigMap".equals(m.path("kind").asText())).toList()) {
            configMap.path("data").forEach(file -> {
                Matcher m = sensitive.matcher(file.asText());
                while (m.find()) {
                    assertThat(m.group(2)).as("ConfigMap line %s", m.group()).matches("\\$\\{[A-Z0-9_]+(:[^}]*)?}|\"\"|''");
                }
            });
        }
        assertThat(pod.at("/volumes").findValuesAsText("secretName")).contains("medgo-gateway-audit-keys");
    }

    @Test
    void theNetworkPolicyLetsThePodsReachOnlyDnsTheDatabaseAndTheIssuer() {
        JsonNode policy = Chart.one(manifests, "NetworkPolicy");
        List<String> egress = new ArrayList<>();
        policy.at("/spec/egress").forEach(rule -> egress.add(rule.at("/to/0/ipBlock/cidr").asText("dns") + ":" + rule.at("/ports/0/port").asText()));
        assertThat(egress).containsExactly("dns:53", "10.20.0.0/24:5432", "10.30.0.10/32:443");
    }

    @Test
    void availabilityAndExposure() {
        assertThat(Chart.one(manifests, "Deployment").at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(Chart.one(manifests, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(1);
        assertThat(Chart.one(manifests, "Ingress").at("/spec/tls/0/secretName").asText()).isEqualTo("medgo-tls");
        assertThat(env("MEDGO_PUBLIC_BASE_URL")).isEqualTo("https://medgo.hospital.example");
        assertThat(env("MEDGO_DB_URL")).startsWith("jdbc:postgresql://");
        assertThat(env("MEDGO_MODEL_DIR")).isEqualTo("/models/medgo");
    }

    private static String env(String name) {
        for (JsonNode variable : gateway.path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return variable.path("value").asText();
            }
        }
        throw new AssertionError("no env " + name);
    }
}
