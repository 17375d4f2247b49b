package org.medgo.inference.runtime;

/**
 * Token selection a decoder graph does on the device: outputs {@code topk_values}/{@code topk_ids} (TopK, largest
 * first) over the first {@code vocab} logits. Greedy rows take the largest of the k on the host.
 *
 * @param topK  how many candidates {@code topk_*} hold, 0 when the graph has no selection outputs
 * @param vocab the ids selection looks at (the tokenizer's), 0 when none
 */
public record DeviceSelection(int topK, int vocab) {

    /** The graph selects nothing: every row reads its logits. */
    public static final DeviceSelection NONE = new DeviceSelection(0, 0);

    public boolean available() {
        return topK > 0;
    }

    /**
     * What a row must read: {@code decidingCandidates} is how many of the largest logits decide its next token (1
     * for plain greedy, k for top-k sampling without penalties, 0 when all of them count); {@code constrained} rows
     * always read their logits; {@code tokenizerSize} must be the vocabulary selection looks at.
     */
    public Readout readoutFor(int decidingCandidates, boolean constrained, int tokenizerSize) {
        if (!available() || constrained || tokenizerSize != vocab || decidingCandidates <= 0) {
            return Readout.LOGITS;
        }
        if (decidingCandidates == 1) {
            return Readout.ARGMAX;
        }
        return decidingCandidates <= topK ? Readout.TOP_K : Readout.LOGITS;
    }
}
