package org.medgo.inference.constrained;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the JSON-schema constrained decoder (SECURITY.md) over a byte-level vocabulary: whatever tokens
 * the fuzzer proposes, the constraint accepts only those it allows, and whenever it says the value is
 * complete the text parses as JSON and validates against the shipped prompt schema (v1 and v2). Arbitrary schema text
 * is refused only with IllegalArgumentException.
 */
class JsonSchemaConstraintFuzzTest {

    private static final int END = 256;
    private static final TokenVocabulary BYTES = byteVocabulary();
    private static final List<String> SCHEMAS = List.of(schema("summarize-v1"), schema("differential-v1"),
            schema("summarize-v2"), schema("differential-v2"));
    private static final List<JsonSchema> VALIDATORS = SCHEMAS.stream()
            .map(s -> JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(s)).toList();
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxExecutions = 30_000, maxDuration = "3m")
    void onlySchemaValidJsonCompletes(FuzzedDataProvider data) throws Exception {
        if (data.consumeBoolean()) {
            String schema = data.consumeString(400);
            try {
                JsonSchemaConstraint.validateSchema(schema);
            } catch (IllegalArgumentException refused) {
                // the documented refusal of an unsupported or malformed schema
            }
            return;
        }
        int which = data.consumeInt(0, SCHEMAS.size() - 1);
        JsonSchemaConstraint constraint = JsonSchemaConstraint.compile(SCHEMAS.get(which), BYTES, Set.of(END));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int budget = 600;
        while (data.remainingBytes() > 0 && budget > 0) {
            int token = data.consumeInt(0, END);
            if (!constraint.allows(token, budget)) {
                continue;
            }
            if (token == END) {
                JsonNode parsed = JSON.readTree(out.toByteArray());
                assertThat(VALIDATORS.get(which).validate(parsed)).as("completed %s", out.toString(StandardCharsets.UTF_8)).isEmpty();
                return;
            }
            constraint.accept(token);
            out.write(token);
            budget--;
        }
    }

    private static TokenVocabulary byteVocabulary() {
        byte[][] bytes = new byte[END + 1][];
        boolean[] special = new boolean[END + 1];
        for (int b = 0; b < END; b++) {
            bytes[b] = new byte[] {(byte) b};
        }
        bytes[END] = new byte[0];
        special[END] = true;
        return TokenVocabulary.build(bytes, special);
    }

    /**
     * A shipped schema as the gateway hands it to the decoder: v2's {@code {"x-medgo-citations": N}} becomes an
     * array of at most N citation keys of the record (fhir-gateway's CitationSchema; three keys stand in here).
     */
    private static String schema(String name) {
        try {
            return Files.readString(Path.of("../config/prompts/" + name + ".schema.json"), StandardCharsets.UTF_8)
                    .replaceAll("\\{\\s*\"x-medgo-citations\"\\s*:\\s*(\\d+)\\s*}",
                            "{\"type\": \"array\", \"maxItems\": $1, \"items\": {\"enum\": [\"C1\", \"O2\", \"N1:3\"]}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
