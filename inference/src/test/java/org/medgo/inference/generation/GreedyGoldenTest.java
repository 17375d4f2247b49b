package org.medgo.inference.generation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.medgo.inference.sampling.SamplingParams;
import org.medgo.inference.testing.SharedEngine;

import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Greedy decoding of the demo model must reproduce transformers' token ids for the same weights
 * ({@code goldens/greedy-demo.json}, written by the exporter on the GPU machine).
 */
class GreedyGoldenTest {

    @Test
    void greedyTokensMatchTransformers() throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/goldens/greedy-demo.json")) {
            if (in == null) {
                org.junit.jupiter.api.Assumptions.abort("goldens/greedy-demo.json not committed yet");
            }
            root = new ObjectMapper().readTree(in);
        }
        InferenceEngine engine = SharedEngine.get();
        JsonNode cases = root.isArray() ? root : root.has("cases") ? root.get("cases") : null;
        int checked = 0;
        for (JsonNode c : cases == null ? java.util.List.of(root) : iterable(cases)) {
            int[] prompt = ints(first(c, "prompt_ids", "input_ids", "prompt_token_ids"));
            int[] expected = ints(first(c, "generated_ids", "output_ids", "new_token_ids", "expected_ids"));
            GenerationResult r = engine.generate(GenerationRequest.of(new Prompt.Tokens(prompt), SamplingParams.greedy(),
                    expected.length).withIgnoreEos(true));
            assertThat(r.tokenIds()).as("case %d", checked).containsExactly(expected);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    private static Iterable<JsonNode> iterable(JsonNode n) {
        return n::elements;
    }

    private static JsonNode first(JsonNode c, String... names) {
        for (String n : names) {
            if (c.has(n)) {
                return c.get(n);
            }
        }
        throw new IllegalStateException("golden case has none of " + String.join(", ", names) + ": " + c.fieldNames());
    }

    private static int[] ints(JsonNode arr) {
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }
}
