package org.medgo.inference.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.inference.cli.InferenceCli;
import org.medgo.inference.testing.TestBundles;

/**
 * {@code eval} end to end: against a fixture OpenAI-compatible server (speaking the real protocol) whose model
 * always answers "A" / "yes", the score must be exactly the share of those gold answers; on the demo model
 * locally, every constrained answer must be one of the options.
 */
class EvalCommandTest {

    static final Path SAMPLES = Path.of("src/test/resources/eval");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void anAlwaysAModelScoresTheShareOfAAnswersThroughAnEndpoint() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models", x -> respond(x, "{\"object\":\"list\",\"data\":[{\"id\":\"fixture\",\"object\":\"model\"}]}"));
        server.createContext("/v1/chat/completions", x -> {
            JsonNode body = JSON.readTree(x.getRequestBody());
            calls.incrementAndGet();
            boolean pubmed = body.at("/messages/0/content").asText().contains("yes, no or maybe");
            String answer = pubmed ? "Yes." : "The answer is A.";
            respond(x, "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"" + body.get("model").asText()
                    + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + answer
                    + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3,\"total_tokens\":12}}");
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            JsonNode mcq = eval("mcq", "medqa-sample.jsonl", "--endpoint", url);
            assertThat(mcq.at("/overall/correct").asInt()).isEqualTo(2); // golds D, A, A, B
            assertThat(mcq.at("/overall/total").asInt()).isEqualTo(4);
            assertThat(mcq.at("/model").asText()).startsWith("fixture at ");
            JsonNode pqa = eval("pubmedqa", "pubmedqa-sample.json", "--endpoint", url);
            assertThat(pqa.at("/overall/accuracy").asDouble()).isEqualTo(13 / 20.0);
            assertThat(pqa.at("/unparsed").asInt()).isZero();
            JsonNode shots = eval("mcq", "medqa-sample.jsonl", "--endpoint", url, "--shots", "1", "--limit", "2");
            assertThat(shots.at("/overall/total").asInt()).isEqualTo(2);
            assertThat(shots.at("/overall/correct").asInt()).isEqualTo(2); // items 2 and 3: A, A
            assertThat(calls.get()).isEqualTo(4 + 20 + 2);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theDemoModelAnswersEveryItemWithAValidOptionWhenConstrained() throws Exception {
        JsonNode mcq = eval("mcq", "medqa-sample.jsonl", "--model", TestBundles.demo().toString());
        assertThat(mcq.at("/extraction").asText()).isEqualTo("constrained");
        assertThat(mcq.at("/unparsed").asInt()).isZero();
        for (JsonNode item : mcq.get("items")) {
            assertThat(item.get("predicted").asText()).isIn("A", "B", "C", "D");
        }
        JsonNode pqa = eval("pubmedqa", "pubmedqa-sample.json", "--model", TestBundles.demo().toString(), "--limit", "6");
        assertThat(pqa.at("/overall/total").asInt()).isEqualTo(6);
        assertThat(pqa.at("/unparsed").asInt()).isZero();
    }

    private JsonNode eval(String task, String file, String... more) throws Exception {
        Path out = tmp.resolve(task + System.nanoTime() + ".json");
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--task", task, "--data", SAMPLES.resolve(file).toString(),
                "--json", out.toString(), "--concurrency", "4"));
        args.addAll(List.of(more));
        int code = InferenceCli.commandLine(new InferenceCli()).execute(args.toArray(String[]::new));
        assertThat(code).isZero();
        return JSON.readTree(Files.readString(out));
    }

    private static void respond(com.sun.net.httpserver.HttpExchange x, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }
}
