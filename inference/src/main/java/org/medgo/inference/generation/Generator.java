package org.medgo.inference.generation;

/**
 * What turns requests into text: the local {@link InferenceEngine}, or a remote OpenAI-compatible tier
 * ({@code org.medgo.inference.remote.RemoteGenerator}). Thread-safe; {@link #submit} returns at once.
 */
public interface Generator extends AutoCloseable {

    /** Starts a generation; the listener sees the raw text (Qwen3's {@code <think>} block included) as it comes. */
    GenerationHandle submit(GenerationRequest request, TokenListener listener);

    /** Requests generated together (KV cache slots, or concurrent calls to the remote tier). */
    int maxBatch();

    /** Tokens per sequence, prompt and answer together. */
    int maxLength();

    /** Requests running or waiting inside now. */
    int load();

    @Override
    void close();
}
