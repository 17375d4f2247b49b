package org.medgo.inference.runtime;

/**
 * The last-token logits of each row of a step, in the order the rows were given. Backed by the
 * backend's own buffers: valid until the backend's next call.
 */
public interface StepLogits {

    int rows();

    int vocabSize();

    /**
     * Copies row {@code row}'s logits into {@code dst[0 .. vocabSize)} (as float32). For a row that read
     * {@link Readout#TOP_K} (or {@link Readout#ARGMAX}) from a device's top-k, the k largest with the rest -Infinity.
     */
    void copyRow(int row, float[] dst);

    /**
     * Index of the largest logit of row {@code row} among ids {@code 0..limit-1} (greedy decoding without
     * a copy of the row). Ties go to the lowest id.
     */
    default int argmax(int row, int limit) {
        float[] tmp = new float[vocabSize()];
        copyRow(row, tmp);
        int best = 0;
        for (int i = 1; i < limit; i++) {
            if (tmp[i] > tmp[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * For a row that read {@link Readout#TOP_K} from a device's selection: fills {@code ids[0..k)} and
     * {@code values[0..k)} with its candidates and returns k; -1 when the row holds its full logits.
     */
    default int topCandidates(int row, int[] ids, float[] values) {
        return -1;
    }

    /** Nanoseconds spent inside the runtime's own run call for this step (for overhead figures). */
    long runNanos();
}
