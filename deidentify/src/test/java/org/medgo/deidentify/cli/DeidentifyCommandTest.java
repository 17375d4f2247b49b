package org.medgo.deidentify.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DeidentifyCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int text(byte[] input, String... args) {
        return new CommandLine(new DeidentifyTextCommand(streams(input)))
                .execute(args);
    }

    private int bundle(byte[] input) {
        return new CommandLine(new DeidentifyBundleCommand(streams(input)))
                .execute();
    }

    private CommandStreams streams(byte[] input) {
        return new CommandStreams(new ByteArrayInputStream(input), new PrintStream(out), new PrintStream(err));
    }

    @Test
    void textJsonlRoundTripWithSpansIntoTheOriginal() throws Exception {
        String original = "患者李娜，电话13812345678，2024年3月5日入院";
        String in = "{\"id\":\"n1\",\"text\":\"" + original + "\"}\n{\"id\":2,\"text\":\"Seen by Dr. Adams, MRN 55667788.\"}\n";
        assertThat(text(in.getBytes(StandardCharsets.UTF_8), "--lang", "auto")).isZero();
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertThat(first.get("id").asText()).isEqualTo("n1");
        assertThat(first.get("text").asText()).doesNotContain("李娜", "13812345678").contains("[NAME_1]");
        JsonNode span = first.get("spans").get(0);
        assertThat(original.substring(span.get("start").asInt(), span.get("end").asInt())).isEqualTo("李娜");
        assertThat(span.get("type").asText()).isEqualTo("NAME");
        assertThat(new ObjectMapper().readTree(lines[1]).get("id").asInt()).isEqualTo(2);
    }

    @Test
    void unknownLanguageIsRefused() {
        assertThat(text("{}".getBytes(StandardCharsets.UTF_8), "--lang", "fr")).isEqualTo(2);
        assertThat(out.size()).isZero();
    }

    @Test
    void bundleCommandDeidentifiesAResource() {
        String patient = "{\"resourceType\":\"Patient\",\"id\":\"p1\",\"name\":[{\"family\":\"Smith\",\"given\":[\"John\"]}],"
                + "\"birthDate\":\"1950-04-02\",\"telecom\":[{\"system\":\"phone\",\"value\":\"555-123-4567\"}]}";
        assertThat(bundle(patient.getBytes(StandardCharsets.UTF_8))).isZero();
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"resourceType\":\"Patient\"", "[NAME_1]", "[PHONE_1]")
                .doesNotContain("Smith", "John", "555-123-4567", "1950-04-02", "\"p1\"");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("NAME=1").doesNotContain("Smith");
    }

    @Test
    void nonFhirAndOversizedInputAreRefused() {
        assertThat(bundle("{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(bundle("<Patient/>".getBytes(StandardCharsets.UTF_8))).isEqualTo(2);
        byte[] big = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        assertThat(bundle(big)).isEqualTo(2);
        assertThat(out.size()).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("larger than");
    }
}
