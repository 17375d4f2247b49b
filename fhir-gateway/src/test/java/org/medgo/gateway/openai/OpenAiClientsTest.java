package org.medgo.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.CapturingInferenceObserver;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Two real OpenAI clients against the gateway's /v1 API on the demo model (one booted gateway, shared with
 * the other {@link GatewayTest} classes): the official Java SDK ({@code com.openai:openai-java}) and the
 * official npm package ({@code openai}, installed with npm into {@code src/test/openai-js}). Each completes a
 * multi-turn conversation, a streamed answer, a JSON-schema answer and a cancelled stream; the gateway must
 * then show the cancellation (metric + freed queue places) and must not have sent the patient's name to the model.
 */
@GatewayTest
class OpenAiClientsTest {

    static final Path JS = Path.of("src/test/openai-js");

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver observer;

    @Autowired
    ModelApiMetrics metrics;

    @Autowired
    InferenceQueue queue;

    @Autowired
    javax.sql.DataSource dataSource;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry registry;

    static OpenAIClient client;

    @BeforeAll
    static void installNpmClient() throws Exception {
        if (!Files.isDirectory(JS.resolve("node_modules/openai"))) {
            Path log = Files.createTempFile("npm-install", ".log");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(JS.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(npm.waitFor()).as(() -> read(log)).isZero();
        }
    }

    @AfterAll
    static void close() {
        if (client != null) {
            client.close();
        }
    }

    OpenAIClient client() {
        if (client == null) {
            client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey("medgo-test")
                    .maxRetries(0).timeout(Duration.ofMinutes(2)).build();
        }
        return client;
    }

    @Test
    void javaSdkMultiTurnConversationIsDeidentifiedOnTheWayToTheModel() throws Exception {
        int mark = observer.mark();
        ChatCompletion c = client().chat().completions().create(ChatCompletionCreateParams.builder().model("medgo")
                .addSystemMessage("You are a clinical assistant.")
                .addUserMessage("Patient John Smith, MRN 84421907, has chest pain.")
                .addAssistantMessage("Does the pain radiate?")
                .addUserMessage("Yes, to the left arm.")
                .maxCompletionTokens(12).temperature(0.0)
                .putAdditionalBodyProperty("chat_template_kwargs", JsonValue.from(Map.of("enable_thinking", false)))
                .build());
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().getFirst().message().content()).isPresent();
        assertThat(c.usage().orElseThrow().completionTokens()).isBetween(1L, 12L);
        List<String> prompts = observer.since(mark);
        assertThat(prompts).hasSize(1);
        assertThat(prompts.getFirst()).contains("assistant: Does the pain radiate?", "Yes, to the left arm.")
                .doesNotContain("John Smith", "84421907");
        String details = auditDetails(c.id());
        assertThat(details).contains("promptSha256", "outputSha256", "phi.NAME", "conversation")
                .doesNotContain("John", "Smith", "84421907", "chest pain");
    }

    /** The details of the call's audit record (written with group commit: polled briefly). */
    private String auditDetails(String requestId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        do {
            try (var conn = dataSource.getConnection();
                 var ps = conn.prepareStatement("SELECT details FROM audit_event WHERE request_id = ? AND subtype LIKE 'openai.%'")) {
                ps.setString(1, requestId);
                try (var rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no audit record for " + requestId);
    }

    @Test
    void javaSdkStreamsWithUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("medgo")
                .addUserMessage("Summarise: fever for three days.").maxCompletionTokens(16).seed(7L)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        StringBuilder text = new StringBuilder();
        long[] usage = {-1};
        String[] finish = {null};
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                chunk.usage().ifPresent(u -> usage[0] = u.completionTokens());
                chunk.choices().forEach(ch -> {
                    ch.delta().content().ifPresent(text::append);
                    ch.delta()._additionalProperties().getOrDefault("reasoning_content", JsonValue.from(""));
                    ch.finishReason().ifPresent(f -> finish[0] = f.asString());
                });
            });
        }
        assertThat(usage[0]).isBetween(1L, 16L);
        assertThat(finish[0]).isIn("stop", "length");
    }

    @Test
    void javaSdkJsonSchemaAnswerParsesAndFollowsTheSchema() throws Exception {
        ResponseFormatJsonSchema.JsonSchema.Schema schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                        "diagnosis", Map.of("type", "string", "maxLength", 24),
                        "urgent", Map.of("type", "boolean"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("diagnosis", "urgent"))).build();
        ChatCompletion c = client().chat().completions().create(ChatCompletionCreateParams.builder().model("medgo")
                .addUserMessage("Triage: crushing chest pain.").maxCompletionTokens(64)
                .responseFormat(ResponseFormatJsonSchema.builder().jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                        .name("triage").schema(schema).strict(true).build()).build())
                .build());
        JsonNode answer = new ObjectMapper().readTree(c.choices().getFirst().message().content().orElseThrow());
        assertThat(answer.get("diagnosis").isTextual()).isTrue();
        assertThat(answer.get("diagnosis").asText().length()).isLessThanOrEqualTo(24);
        assertThat(answer.get("urgent").isBoolean()).isTrue();
    }

    @Test
    void javaSdkClosingAStreamCancelsTheGeneration() throws Exception {
        double before = metrics.requests("chat", ModelApiMetrics.Outcome.CANCELLED);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("medgo")
                .addUserMessage("Write a very long discharge note.").maxCompletionTokens(3000)
                .putAdditionalBodyProperty("ignore_eos", JsonValue.from(true))
                // token by token (de-identified streams are released a sentence at a time, and the demo model's
                // random text has few sentence ends): the third chunk then comes at once
                .putAdditionalHeader("X-MedGo-Deidentify", "off").build();
        try (StreamResponse<ChatCompletionChunk> stream = client().chat().completions().createStreaming(params)) {
            Iterator<ChatCompletionChunk> it = stream.stream().iterator();
            for (int i = 0; i < 3; i++) {
                assertThat(it.hasNext()).isTrue();
                it.next();
            }
        }
        awaitCancelled(before);
    }

    @Test
    void javaSdkTextCompletionsGiveNSeededChoices() {
        CompletionCreateParams params = CompletionCreateParams.builder().model("medgo").prompt("The patient was admitted with")
                .maxTokens(8).n(2).seed(11).temperature(1.0).build();
        Completion first = client().completions().create(params);
        assertThat(first.choices()).extracting(CompletionChoice::index).containsExactly(0L, 1L);
        assertThat(first.usage().orElseThrow().completionTokens()).isBetween(2L, 16L);
        Completion again = client().completions().create(params);
        assertThat(again.choices().stream().map(CompletionChoice::text).toList()).as("choice i samples with seed + i")
                .isEqualTo(first.choices().stream().map(CompletionChoice::text).toList());
    }

    @Test
    void javaSdkUnknownModelIsA404() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client().chat().completions().create(
                        ChatCompletionCreateParams.builder().model("gpt-4o").addUserMessage("hi").build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("model");
    }

    @Test
    void npmClientCompletesConversationStreamSchemaAndCancel() throws Exception {
        double before = metrics.requests("chat", ModelApiMetrics.Outcome.CANCELLED);
        Path log = Files.createTempFile("openai-js", ".log");
        Process node = new ProcessBuilder("node", "clients.mjs", "http://127.0.0.1:" + port + "/v1").directory(JS.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = node.waitFor(3, TimeUnit.MINUTES);
        if (!done) {
            node.destroyForcibly();
        }
        String output = read(log);
        assertThat(done && node.exitValue() == 0).as(output).isTrue();
        JsonNode out = new ObjectMapper().readTree(output.lines().reduce((a, b) -> b).orElseThrow());
        assertThat(out.at("/multi/object").asText()).isEqualTo("chat.completion");
        assertThat(out.at("/multi/usage/completion_tokens").asInt()).isBetween(1, 12);
        assertThat(out.at("/stream/usage/completion_tokens").asInt()).isBetween(1, 16);
        assertThat(out.at("/stream/finish").asText()).isIn("stop", "length");
        assertThat(out.at("/json/urgent").isBoolean()).as(output).isTrue();
        assertThat(out.at("/json/diagnosis").isTextual()).as(output).isTrue();
        assertThat(out.at("/cancelledAfterChunks").asInt()).isEqualTo(3);
        awaitCancelled(before);
    }

    @Test
    void metricsAreRegistered() {
        for (String name : List.of("medgo.openai.time.to.first.token", "medgo.openai.inter.token.latency",
                "medgo.openai.tokens.per.second", "medgo.inference.queue.depth", "medgo.inference.kv.slots.in.use")) {
            assertThat(registry.find(name).meter()).as(name).isNotNull();
        }
        assertThat(registry.find("medgo.inference.kv.slots").gauge().value()).isEqualTo(queue.slots());
    }

    private void awaitCancelled(double before) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (metrics.requests("chat", ModelApiMetrics.Outcome.CANCELLED) <= before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(metrics.requests("chat", ModelApiMetrics.Outcome.CANCELLED)).as("a cancelled call is counted")
                .isGreaterThan(before);
        while (queue.inUse() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(queue.inUse()).as("queue places freed").isZero();
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
