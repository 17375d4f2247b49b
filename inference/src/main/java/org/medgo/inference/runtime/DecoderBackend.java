package org.medgo.inference.runtime;

import java.util.List;

/**
 * Runs the decoder graph of a model bundle over a batch of sequences, each living in its own slot of a
 * preallocated key/value cache shaped {@code [maxBatch, kvHeads, maxLength, headDim]} per layer (the
 * "shared past/present buffer" layout of onnxruntime-genai: the graph appends the new tokens' keys and
 * values in place, at each row's own length).
 *
 * <p>The engine above this interface owns all bookkeeping: which slot a request uses, how many tokens
 * each slot holds, and when to prefill or decode. A backend only moves tensors and runs the graph, so
 * the CPU backend (ORT Java API) and a GPU backend (ORT C API through FFM, IoBinding) share everything
 * above it.
 *
 * <p>Two step shapes are issued, never mixed:
 * <ul>
 *   <li><b>prefill chunk</b>: exactly one row, any slot, one or more new tokens (a long prompt arrives
 *       as several chunks, each with the {@code pastLength} the slot already holds);</li>
 *   <li><b>decode</b>: {@code n >= 1} rows, exactly one new token each, and the rows are slots
 *       {@code 0..n-1} in order (the engine keeps decoding sequences compact with {@link #moveSlot}).</li>
 * </ul>
 *
 * <p>Not thread-safe: one engine thread drives a backend.
 */
public interface DecoderBackend extends AutoCloseable {

    /** The sizes the engine plans with. */
    DecoderShape shape();

    /**
     * Runs one step and returns the logits of each row's last new token. The returned view is owned by
     * the backend and valid only until the next call to {@code step} or {@code moveSlot}.
     *
     * @throws IllegalArgumentException when the rows break the contract above or a row would grow past
     *                                  {@link DecoderShape#maxLength()}
     * @throws BackendException         when the runtime fails
     */
    StepLogits step(List<RowInput> rows);

    /**
     * Copies the first {@code length} cached positions of slot {@code from} into slot {@code to}, in
     * every layer, keys and values. Used to keep decoding rows in slots {@code 0..n-1}.
     */
    void moveSlot(int from, int to, int length);

    /**
     * Exchanges the first {@code length} cached positions of slots {@code a} and {@code b} (all layers,
     * keys and values). Used when a sequence that finished its prefill must take a decode slot that
     * another, still prefilling, sequence holds.
     */
    void swapSlots(int a, int b, int length);

    /** Token selection the backend does on the device; {@link DeviceSelection#NONE} unless its graph has it. */
    default DeviceSelection selection() {
        return DeviceSelection.NONE;
    }

    /** A short human-readable description, e.g. "onnxruntime-java CPU" or "onnxruntime CUDA IoBinding". */
    String describe();

    @Override
    void close();
}
