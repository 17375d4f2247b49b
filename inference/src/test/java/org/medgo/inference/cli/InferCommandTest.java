package org.medgo.inference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.inference.testing.TestBundles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code medgo infer} end to end on the demo bundle: order, fields, error lines, schema, determinism. */
class InferCommandTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private List<JsonNode> run(String... extra) throws Exception {
        return runWith("12", extra);
    }

    private List<JsonNode> runWith(String maxNew, String... extra) throws Exception {
        Path in = dir.resolve("in.jsonl");
        Path out = dir.resolve("out.jsonl");
        List<String> args = new ArrayList<>(List.of("infer", "--model", TestBundles.demo().toString(), "--input",
                in.toString(), "--output", out.toString(), "--batch-size", "3", "--max-new-tokens", maxNew, "--device", "cpu",
                "--threads", "1", "--max-length", "512"));
        args.addAll(List.of(extra));
        int code = InferenceCli.commandLine(new InferenceCli()).execute(args.toArray(String[]::new));
        assertThat(code).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            lines.add(json.readTree(l));
        }
        return lines;
    }

    private void input(String... lines) throws Exception {
        Files.writeString(dir.resolve("in.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void writesOneLinePerInputInOrderWithErrorsForBadLines() throws Exception {
        input("{\"id\":\"a\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"发热三天\"}]}",
                "{\"id\":2,\"prompt\":\"Summarize: cough.\"}",
                "this is not json",
                "{\"id\":\"no-content\",\"messages\":[{\"role\":\"user\"}]}",
                "",
                "{\"id\":\"bad-role\",\"messages\":[{\"role\":\"doctor\",\"content\":\"x\"}]}",
                "{\"id\":\"too-long\",\"prompt\":\"" + "fever ".repeat(700) + "\"}",
                "{\"id\":\"last\",\"prompt\":\"ok\"}");
        List<JsonNode> out = run("--temperature", "0");
        assertThat(out).extracting(n -> n.get("id").isNull() ? null : n.get("id").asText())
                .containsExactly("a", "2", null, "no-content", "bad-role", "too-long", "last");
        for (int i : new int[] {0, 1, 6}) {
            JsonNode n = out.get(i);
            assertThat(n.has("text")).isTrue();
            assertThat(n.has("reasoning")).isTrue();
            assertThat(n.get("finish_reason").asText()).isIn("stop", "length");
            assertThat(n.at("/usage/prompt_tokens").asInt()).isPositive();
            assertThat(n.at("/usage/completion_tokens").asInt()).isBetween(1, 12);
        }
        assertThat(out.get(2).get("error").asText()).isNotBlank();
        assertThat(out.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(out.get(3).get("error").asText()).contains("role").contains("content");
        assertThat(out.get(4).get("error").asText()).contains("role must be");
        assertThat(out.get(5).get("error").asText()).contains("at most 512 tokens");
    }

    @Test
    void aMissingModelIsAOneLineErrorAndExitCode2() throws Exception {
        input("{\"id\":1,\"prompt\":\"a\"}");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = InferenceCli.commandLine(new InferenceCli()).execute("infer", "--model", dir.resolve("nope").toString(),
                    "--input", dir.resolve("in.jsonl").toString(), "--output", dir.resolve("out.jsonl").toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("medgo infer: model bundle").contains("is not a directory")
                .doesNotContain("at org.medgo");
    }

    @Test
    void sameSeedSameFileAndSchemaIsObeyed() throws Exception {
        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, "{\"type\":\"object\",\"properties\":{\"dx\":{\"type\":\"string\",\"maxLength\":10},"
                + "\"p\":{\"enum\":[\"high\",\"low\"]}},\"required\":[\"dx\",\"p\"]}");
        input("{\"id\":1,\"prompt\":\"a\"}", "{\"id\":2,\"prompt\":\"b\"}", "{\"id\":3,\"prompt\":\"c\"}");
        List<JsonNode> first = runWith("40", "--seed", "5", "--temperature", "1.0", "--no-think", "--json-schema",
                schema.toString());
        List<JsonNode> second = runWith("40", "--seed", "5", "--temperature", "1.0", "--no-think", "--json-schema",
                schema.toString());
        assertThat(second).isEqualTo(first);
        for (JsonNode n : first) {
            JsonNode value = json.readTree(n.get("text").asText());
            assertThat(value.get("p").asText()).isIn("high", "low");
            assertThat(value.get("dx").asText().length()).isLessThanOrEqualTo(10);
        }
    }
}
