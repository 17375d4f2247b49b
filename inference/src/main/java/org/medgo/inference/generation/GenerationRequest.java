package org.medgo.inference.generation;

import org.medgo.inference.sampling.SamplingParams;

import java.util.List;
import java.util.Set;

/**
 * One generation.
 *
 * @param prompt        what to continue
 * @param sampling      how to pick tokens
 * @param maxNewTokens  most tokens to generate (also capped by the context length)
 * @param stopStrings   generation ends before the first occurrence of any of these (not included in the text)
 * @param stopTokenIds  extra ids that end generation (the bundle's end ids always do)
 * @param jsonSchema    JSON Schema text the output must match, or null
 * @param ignoreEos     keep going past the bundle's end tokens (benchmarks)
 */
public record GenerationRequest(Prompt prompt, SamplingParams sampling, int maxNewTokens, List<String> stopStrings,
                                Set<Integer> stopTokenIds, String jsonSchema, boolean ignoreEos) {

    public static final int MAX_STOP_STRINGS = 16;

    public GenerationRequest {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("max new tokens must be positive, not " + maxNewTokens);
        }
        stopStrings = List.copyOf(stopStrings);
        stopTokenIds = Set.copyOf(stopTokenIds);
        if (stopStrings.size() > MAX_STOP_STRINGS || stopStrings.stream().anyMatch(s -> s.isEmpty() || s.length() > 256)) {
            throw new IllegalArgumentException("at most " + MAX_STOP_STRINGS + " stop strings of 1..256 characters");
        }
    }

    public static GenerationRequest of(Prompt prompt, SamplingParams sampling, int maxNewTokens) {
        return new GenerationRequest(prompt, sampling, maxNewTokens, List.of(), Set.of(), null, false);
    }

    public GenerationRequest withStopStrings(List<String> stops) {
        return new GenerationRequest(prompt, sampling, maxNewTokens, stops, stopTokenIds, jsonSchema, ignoreEos);
    }

    public GenerationRequest withStopTokenIds(Set<Integer> ids) {
        return new GenerationRequest(prompt, sampling, maxNewTokens, stopStrings, ids, jsonSchema, ignoreEos);
    }

    public GenerationRequest withJsonSchema(String schema) {
        return new GenerationRequest(prompt, sampling, maxNewTokens, stopStrings, stopTokenIds, schema, ignoreEos);
    }

    public GenerationRequest withIgnoreEos(boolean ignore) {
        return new GenerationRequest(prompt, sampling, maxNewTokens, stopStrings, stopTokenIds, jsonSchema, ignore);
    }
}
