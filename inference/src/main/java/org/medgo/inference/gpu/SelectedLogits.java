package org.medgo.inference.gpu;

import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.runtime.HostLogits;
import org.medgo.inference.runtime.Readout;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;

/**
 * The logits of a decode step whose graph selected tokens on the device: each row answers from what it read back
 * ({@link Readout}): the top-k values and ids (greedy rows take the largest), or its full row.
 */
final class SelectedLogits implements StepLogits {

    private final HostLogits full;
    private final MemorySegment values;
    private final MemorySegment ids;
    private final ElementType valueType;
    private final int k;
    private final int vocab;
    private final Readout[] readouts;

    /**
     * @param values {@code [maxBatch, k]} top-k values of {@code valueType}
     * @param ids    {@code [maxBatch, k]} int32 top-k ids
     * @param vocab  the ids selection looked at
     */
    SelectedLogits(HostLogits full, MemorySegment values, MemorySegment ids, ElementType valueType,
                   int k, int vocab, int maxBatch) {
        this.full = full;
        this.values = values;
        this.ids = ids;
        this.valueType = valueType;
        this.k = k;
        this.vocab = vocab;
        this.readouts = new Readout[maxBatch];
    }

    SelectedLogits set(List<RowInput> rows, long nanos) {
        full.set(rows.size(), nanos);
        for (int i = 0; i < rows.size(); i++) {
            readouts[i] = rows.get(i).readout();
        }
        return this;
    }

    @Override
    public int rows() {
        return full.rows();
    }

    @Override
    public int vocabSize() {
        return full.vocabSize();
    }

    @Override
    public void copyRow(int row, float[] dst) {
        switch (readout(row)) {
            case LOGITS -> full.copyRow(row, dst);
            case TOP_K, ARGMAX -> {
                Arrays.fill(dst, 0, vocabSize(), Float.NEGATIVE_INFINITY);
                for (int j = 0; j < k; j++) {
                    long at = (long) row * k + j;
                    dst[ids.getAtIndex(ValueLayout.JAVA_INT, at)] = value(at);
                }
            }
        }
    }

    @Override
    public int topCandidates(int row, int[] dst, float[] dstValues) {
        if (readout(row) != Readout.TOP_K) {
            return -1;
        }
        for (int j = 0; j < k; j++) {
            long at = (long) row * k + j;
            dst[j] = ids.getAtIndex(ValueLayout.JAVA_INT, at);
            dstValues[j] = value(at);
        }
        return k;
    }

    private float value(long index) {
        return switch (valueType) {
            case FLOAT -> values.getAtIndex(ValueLayout.JAVA_FLOAT, index);
            case FLOAT16 -> Float.float16ToFloat(values.getAtIndex(ValueLayout.JAVA_SHORT, index));
            case BFLOAT16 -> Float.intBitsToFloat(values.getAtIndex(ValueLayout.JAVA_SHORT, index) << 16);
            default -> throw new IllegalStateException("logits of type " + valueType);
        };
    }

    @Override
    public int argmax(int row, int limit) {
        Readout r = readout(row);
        if (r == Readout.LOGITS) {
            return full.argmax(row, limit);
        }
        if (limit != vocab) {
            throw new IllegalStateException("the device chose among " + vocab + " ids, not " + limit);
        }
        // The largest of the k, lowest id on ties like the host's argmax: ORT's CUDA TopK does not order equal
        // values by id, and fp16 logits tie often enough to change a greedy stream.
        int best = -1;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            long at = (long) row * k + j;
            float v = value(at);
            int id = ids.getAtIndex(ValueLayout.JAVA_INT, at);
            if (best < 0 || v > bestValue || (v == bestValue && id < best)) {
                best = id;
                bestValue = v;
            }
        }
        return best;
    }

    private Readout readout(int row) {
        if (row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException(row);
        }
        return readouts[row];
    }

    @Override
    public long runNanos() {
        return full.runNanos();
    }
}
