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
            int[] prompt = prompt(engine, c);
            int[] expected = ints(first(c, "generated_ids", "output_ids", "new_token_ids", "expected_ids", "new_tokens",
                    "generated"));
            if (expected.length > prompt.length
                    && java.util.Arrays.equals(java.util.Arrays.copyOf(expected, prompt.length), prompt)) {
                expected = java.util.Arrays.copyOfRange(expected, prompt.length, expected.length); // generate() output
            }
            GenerationResult r = engine.generate(GenerationRequest.of(new Prompt.Tokens(prompt), SamplingParams.greedy(),
                    expected.length).withIgnoreEos(true));
            assertThat(r.tokenIds()).as("case %d", checked).containsExactly(expected);
            checked++;
        }
        assertThat(checked).isPositive();
    }

    /** Prompt ids as given, or rendered from messages / tokenized from text the way the engine does. */
    private static int[] prompt(InferenceEngine engine, JsonNode c) {
        for (String n : new String[] {"prompt_ids", "input_ids", "prompt_token_ids"}) {
            if (c.has(n)) {
                return ints(c.get(n));
            }
        }
        if (c.has("messages")) {
            java.util.List<org.medgo.inference.chat.ChatMessage> msgs = new java.util.ArrayList<>();
            c.get("messages").forEach(m -> msgs.add(org.medgo.inference.chat.ChatMessage.of(m.get("role").asText(),
                    m.get("content").asText())));
            boolean thinking = !c.has("enable_thinking") || c.get("enable_thinking").asBoolean();
            return engine.tokens(Prompt.chat(msgs, thinking));
        }
        return engine.tokens(new Prompt.Text(first(c, "prompt", "text").asText()));
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
