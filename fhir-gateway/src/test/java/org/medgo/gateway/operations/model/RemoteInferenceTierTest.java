package org.medgo.gateway.operations.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.JavaSubprocess;
import org.medgo.gateway.operations.CapturingInferenceObserver;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code MEDGO_INFERENCE_BACKEND=openai} against the project's own OpenAI-compatible server in another process
 * (a second {@code ./medgo serve} with the demo model): an operation's de-identified prompt goes to the tier and
 * its JSON-schema answer becomes a Composition whose Device names the served model and the configured bundle
 * hash; the /v1 API streams through the tier; with the tier gone the caller gets 503 + Retry-After.
 */
@GatewayTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteInferenceTierTest {

    static Process tier;
    static String tierHash;

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver observer;

    @DynamicPropertySource
    static void remoteTier(DynamicPropertyRegistry registry) throws Exception {
        Path work = Files.createTempDirectory("medgo-tier");
        int tierPort;
        try (ServerSocket s = new ServerSocket(0)) {
            tierPort = s.getLocalPort();
        }
        tier = JavaSubprocess.serve(work.resolve("data"), Map.of("SERVER_PORT", Integer.toString(tierPort),
                "MEDGO_SECURITY_ENABLED", "false", "MEDGO_OPERATIONS_QUEUE_CAPACITY", "4"), work.resolve("out.txt"), work.resolve("err.txt"));
        String url = "http://127.0.0.1:" + tierPort + "/v1";
        HttpResponse<String> models = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/models")).build(),
                HttpResponse.BodyHandlers.ofString());
        tierHash = new ObjectMapper().readTree(models.body()).at("/data/0/medgo_bundle_sha256").asText();
        registry.add("medgo.inference.backend", () -> "openai");
        registry.add("medgo.inference.remote.url", () -> url);
        registry.add("medgo.inference.remote.model", () -> "medgo");
        registry.add("medgo.inference.remote.model-sha256", () -> tierHash);
        registry.add("medgo.inference.remote.retries", () -> "1");
        registry.add("medgo.inference.max-batch", () -> "4");
    }

    @AfterAll
    static void stopTier() {
        if (tier != null) {
            tier.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void anOperationRunsOnTheRemoteTierAndNamesItsModel() throws Exception {
        SyntheticRecords.Record record = SyntheticRecords.english(7, true);
        int mark = observer.mark();
        HttpResponse<String> r = new FhirHttp(port).post("Encounter/$summarize", record.bundle(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, r);
        Device device = document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Device.class::isInstance).map(Device.class::cast).findFirst().orElseThrow();
        assertThat(tierHash).hasSize(64);
        assertThat(device.getIdentifierFirstRep().getValue()).isEqualTo(tierHash);
        assertThat(device.getDeviceNameFirstRep().getName()).isEqualTo("medgo (remote tier)");
        assertThat(device.getVersionFirstRep().getValue()).isEqualTo("sha256:" + tierHash.substring(0, 12));
        List<String> prompts = observer.since(mark);
        assertThat(prompts).hasSize(1);
        for (String identifier : record.identifiers()) {
            assertThat(prompts.getFirst()).doesNotContain(identifier);
        }
    }

    @Test
    @Order(2)
    void theChatApiStreamsThroughTheTier() throws Exception {
        String body = "{\"model\":\"medgo\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"max_tokens\":12,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Fever for three days.\"}]}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/chat/completions")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> events = r.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(events.getLast()).isEqualTo("[DONE]");
        JsonNode usage = new ObjectMapper().readTree(events.get(events.size() - 2)).get("usage");
        assertThat(usage.get("completion_tokens").asInt()).as("usage reported by the tier").isBetween(1, 12);
    }

    @Test
    @Order(3)
    void withTheTierGoneCallersGet503AndRetryAfter() throws Exception {
        tier.destroyForcibly().waitFor();
        HttpResponse<String> r = new FhirHttp(port).post("Encounter/$summarize", SyntheticRecords.english(8, false).bundle(), Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> chat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/v1/chat/completions")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"medgo\",\"max_tokens\":4,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chat.statusCode()).as(chat.body()).isEqualTo(503);
        assertThat(chat.headers().firstValue("Retry-After")).isPresent();
        assertThat(new ObjectMapper().readTree(chat.body()).at("/error/code").asText()).isEqualTo("server_overloaded");
    }
}
