package org.medgo.inference.sampling;

/**
 * How the next token is chosen. {@code temperature == 0} is greedy (argmax, penalties still apply).
 *
 * @param temperature       0 = greedy; otherwise logits are divided by it
 * @param topK              keep the k most likely tokens, 0 = off
 * @param topP              keep the smallest set with this much probability, 1 = off
 * @param minP              drop tokens below minP × the top probability, 0 = off
 * @param repetitionPenalty Hugging Face style over prompt and output (positive logits divided, negative multiplied), 1 = off
 * @param presencePenalty   subtracted once from every token already generated, 0 = off
 * @param frequencyPenalty  subtracted per occurrence in the output, 0 = off
 * @param seed              same seed and same prompt ⇒ same output; null = random
 */
public record SamplingParams(double temperature, int topK, double topP, double minP, double repetitionPenalty,
                             double presencePenalty, double frequencyPenalty, Long seed) {

    public SamplingParams {
        if (!(temperature >= 0) || temperature > 100) {
            throw new IllegalArgumentException("temperature must be 0..100, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top_k must be >= 0, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top_p must be in (0, 1], not " + topP);
        }
        if (!(minP >= 0 && minP <= 1)) {
            throw new IllegalArgumentException("min_p must be in [0, 1], not " + minP);
        }
        if (!(repetitionPenalty > 0) || repetitionPenalty > 10) {
            throw new IllegalArgumentException("repetition_penalty must be in (0, 10], not " + repetitionPenalty);
        }
        if (Math.abs(presencePenalty) > 2 || Math.abs(frequencyPenalty) > 2 || Double.isNaN(presencePenalty)
                || Double.isNaN(frequencyPenalty)) {
            throw new IllegalArgumentException("presence/frequency penalties must be in [-2, 2]");
        }
    }

    public static SamplingParams greedy() {
        return new SamplingParams(0, 0, 1, 0, 1, 0, 0, null);
    }

    /** Qwen3's recommended thinking-mode settings. */
    public static SamplingParams qwen3Default(Long seed) {
        return new SamplingParams(0.6, 20, 0.95, 0, 1, 0, 0, seed);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }

    boolean hasPenalties() {
        return repetitionPenalty != 1 || presencePenalty != 0 || frequencyPenalty != 0;
    }
}
