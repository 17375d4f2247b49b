package org.medgo.inference.runtime;

import java.lang.foreign.MemorySegment;
import java.util.stream.IntStream;

/**
 * {@link StepLogits} over last-token logits a backend's runtime wrote into host memory, one row per step row. A
 * backend keeps one and {@link #set}s it after each run.
 */
public final class HostLogits implements StepLogits {

    private final LogitsRows host;
    private final int maxRows;
    private int rows;
    private long nanos;
    private int[] argmaxes = new int[0];
    private int argmaxLimit = -1;

    /** Over {@code memory}, which holds up to {@code maxRows} rows of {@code vocabSize} elements of {@code type}. */
    public HostLogits(MemorySegment memory, ElementType type, int vocabSize, int maxRows) {
        this.host = new LogitsRows(memory, type.precision(), vocabSize);
        this.maxRows = maxRows;
    }

    /** The step that just ran produced {@code rows} rows, in {@code nanos} inside the runtime's run call. */
    public HostLogits set(int rows, long nanos) {
        this.rows = rows;
        this.nanos = nanos;
        this.argmaxLimit = -1;
        return this;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int vocabSize() {
        return host.vocabSize();
    }

    @Override
    public void copyRow(int row, float[] dst) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException(row);
        }
        host.copyRow(row, dst);
    }

    /**
     * All rows' argmaxes are computed together, in parallel, at the first call of a step: at 64 rows of 151,936
     * logits a serial scan would add milliseconds to every decode step.
     */
    @Override
    public int argmax(int row, int limit) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException(row);
        }
        if (argmaxLimit != limit) {
            if (argmaxes.length < rows) {
                argmaxes = new int[maxRows];
            }
            int[] out = argmaxes;
            if (rows > 2) {
                IntStream.range(0, rows).parallel().forEach(r -> out[r] = host.argmax(r, limit));
            } else {
                for (int r = 0; r < rows; r++) {
                    out[r] = host.argmax(r, limit);
                }
            }
            argmaxLimit = limit;
        }
        return argmaxes[row];
    }

    @Override
    public long runNanos() {
        return nanos;
    }
}
