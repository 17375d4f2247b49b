package org.medgo.inference.runtime;

/**
 * The sizes of a decoder as seen by the engine.
 *
 * @param layers       transformer layers (one key and one value cache each)
 * @param kvHeads      key/value heads
 * @param headDim      size of one head
 * @param vocabSize    logits per token (may exceed the tokenizer's vocabulary: padded embeddings)
 * @param maxBatch     KV cache slots
 * @param maxLength    tokens a slot can hold (prompt + generated)
 * @param prefillChunk most tokens the engine should send in one prefill step
 */
public record DecoderShape(int layers, int kvHeads, int headDim, int vocabSize, int maxBatch, int maxLength,
                           int prefillChunk) {
    public DecoderShape {
        if (layers <= 0 || kvHeads <= 0 || headDim <= 0 || vocabSize <= 0 || maxBatch <= 0 || maxLength <= 0
                || prefillChunk <= 0) {
            throw new IllegalArgumentException("decoder sizes must be positive: " + this);
        }
    }
}
