package org.medgo.inference.generation;

/**
 * A finished generation.
 *
 * @param text             the answer (reasoning removed)
 * @param reasoning        Qwen3 {@code <think>} content, empty when none
 * @param rawText          everything generated, as text
 * @param finishReason     why it ended
 * @param promptTokens     tokens in the prompt
 * @param completionTokens tokens generated (an end token counts)
 * @param tokenIds         the generated ids
 * @param firstTokenNanos  from submission to the first generated token
 * @param elapsedNanos     from submission to the end
 */
public record GenerationResult(String text, String reasoning, String rawText, FinishReason finishReason,
                               int promptTokens, int completionTokens, int[] tokenIds, long firstTokenNanos,
                               long elapsedNanos) {
}
