package org.medgo.inference.runtime;

/**
 * The last-token logits of each row of a step, in the order the rows were given. Backed by the
 * backend's own buffers: valid until the backend's next call.
 */
public interface StepLogits {

    int rows();

    int vocabSize();

    /** Copies row {@code row}'s logits into {@code dst[0 .. vocabSize)} (as float32). */
    void copyRow(int row, float[] dst);

    /** Nanoseconds spent inside the runtime's own run call for this step (for overhead figures). */
    long runNanos();
}
