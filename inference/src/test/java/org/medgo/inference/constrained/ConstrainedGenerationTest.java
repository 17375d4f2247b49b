package org.medgo.inference.constrained;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;
import org.medgo.inference.testing.SharedEngine;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the demo model's random weights, every output must still parse and validate (checked by an
 * independent JSON Schema validator).
 */
class ConstrainedGenerationTest {

    private static final String DIFFERENTIAL = """
            {"type":"object",
             "properties":{
               "diagnoses":{"type":"array","minItems":1,"maxItems":3,"items":{
                  "type":"object",
                  "properties":{
                     "name":{"type":"string","maxLength":40},
                     "likelihood":{"enum":["high","medium","low"]},
                     "icd10":{"type":"string","maxLength":8},
                     "evidence":{"type":"array","items":{"type":"string","maxLength":30},"maxItems":2}},
                  "required":["name","likelihood"]}},
               "urgent":{"type":"boolean"},
               "confidence":{"type":"number"},
               "follow_up":{"type":"object","properties":{"days":{"type":"integer"},"tests":{"type":"array",
                  "items":{"enum":["CBC","CRP","胸片"]},"maxItems":3}},"required":["days"]}},
             "required":["diagnoses","urgent","follow_up"]}""";

    private static final String SMALL = """
            {"type":"object","properties":{"answer":{"enum":["yes","no"]},"score":{"type":"integer"}},
             "required":["answer","score"]}""";

    private final InferenceEngine engine = SharedEngine.get();
    private final ObjectMapper json = new ObjectMapper();

    private void generateAndValidate(String schemaText, SamplingParams sampling, int maxTokens) throws Exception {
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaText);
        GenerationResult r = engine.generate(GenerationRequest.of(Prompt.chat(List.of(
                        ChatMessage.system("Answer in JSON."), ChatMessage.user("Differential for fever and cough?")), false),
                sampling, maxTokens).withJsonSchema(schemaText));
        JsonNode parsed = json.readTree(r.text());
        assertThat(schema.validate(parsed)).as("output %s", r.text()).isEmpty();
    }

    @Test
    void theFullMaskAgreesWithTheTokenByTokenCheckEverywhere() {
        TokenVocabulary vocab = TokenVocabulary.of(engine.tokenizer());
        java.util.Set<Integer> ends = java.util.Set.of(engine.tokenizer().addedTokenId("<|im_end|>"));
        // States: start, inside a key, inside a string value (fast path), mid-number, after a member, near the budget.
        String[] prefixes = {"", "{\"diag", "{\"diagnoses\":[{\"name\":\"Pneu", "{\"confidence\":-1.",
                "{\"urgent\":true", "{\"diagnoses\":[{\"name\":\"\\u00"};
        int[] budgets = {400, 400, 400, 400, 400, 400};
        for (int p = 0; p < prefixes.length; p++) {
            for (int budget : new int[] {budgets[p], 90}) {
                JsonSchemaConstraint c = JsonSchemaConstraint.compile(DIFFERENTIAL, vocab, ends);
                for (int t : engine.tokenizer().encode(prefixes[p])) {
                    assertThat(c.allows(t, 1000)).as("prefix token %d of %s", t, prefixes[p]).isTrue();
                    c.accept(t);
                }
                float[] logits = new float[vocab.size];
                c.mask(logits, budget);
                int allowedCount = 0;
                for (int i = 0; i < vocab.size; i++) {
                    boolean masked = logits[i] == Float.NEGATIVE_INFINITY;
                    assertThat(!masked).as("token %d after %s budget %d", i, prefixes[p], budget).isEqualTo(c.allows(i, budget));
                    allowedCount += masked ? 0 : 1;
                }
                if (budget >= 400) {
                    assertThat(allowedCount).as("something is allowed after " + prefixes[p]).isPositive();
                }
            }
        }
    }

    @Test
    void greedyOutputMatchesANestedSchema() throws Exception {
        generateAndValidate(DIFFERENTIAL, SamplingParams.greedy(), 400);
    }

    @Test
    void sampledOutputsMatchForSeveralSeeds() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            generateAndValidate(DIFFERENTIAL, new SamplingParams(1.0, 0, 1.0, 0, 1, 0, 0, seed), 400);
        }
    }

    @Test
    void aTightTokenBudgetStillEndsInValidJson() throws Exception {
        // {"answer":"yes","score":0} is 26 bytes; give the model barely more tokens than that.
        generateAndValidate(SMALL, new SamplingParams(1.0, 0, 1.0, 0, 1, 0, 0, 9L), 30);
    }
}
