package org.medgo.inference.generation;

/**
 * The prompt does not fit the model's context. {@code promptTokens} and {@code maxPromptTokens} say by how much
 * (both -1 when the model's server did not say, e.g. a remote tier), so a caller can shorten its input and retry.
 */
public class ContextLengthException extends IllegalArgumentException {

    private final int promptTokens;
    private final int maxPromptTokens;

    public ContextLengthException(String message) {
        this(message, -1, -1);
    }

    public ContextLengthException(String message, int promptTokens, int maxPromptTokens) {
        super(message);
        this.promptTokens = promptTokens;
        this.maxPromptTokens = maxPromptTokens;
    }

    /** Tokens of the refused prompt, or -1 when unknown. */
    public int promptTokens() {
        return promptTokens;
    }

    /** The most prompt tokens this request could have had, or -1 when unknown. */
    public int maxPromptTokens() {
        return maxPromptTokens;
    }
}
