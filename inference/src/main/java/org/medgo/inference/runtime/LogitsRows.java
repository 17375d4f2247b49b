package org.medgo.inference.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Rows of last-token logits in host memory, as a backend's runtime wrote them (fp32, fp16 or bf16): copied out as
 * floats for sampling, or their argmax read in place for greedy decoding (no conversion, no copy).
 *
 * @param memory    {@code rows x vocabSize} elements, row-major
 * @param precision element type
 * @param vocabSize elements per row
 */
public record LogitsRows(MemorySegment memory, Precision precision, int vocabSize) {

    /** Element type of the logits. */
    public enum Precision { FP32, FP16, BF16 }

    public void copyRow(int row, float[] dst) {
        long base = (long) row * vocabSize;
        if (precision == Precision.FP32) {
            MemorySegment.copy(memory, ValueLayout.JAVA_FLOAT, base * 4, dst, 0, vocabSize);
            return;
        }
        boolean bf16 = precision == Precision.BF16;
        for (int i = 0; i < vocabSize; i++) {
            short bits = memory.get(ValueLayout.JAVA_SHORT, 2 * (base + i));
            dst[i] = bf16 ? Float.intBitsToFloat(bits << 16) : Float.float16ToFloat(bits);
        }
    }

    /** Index of the largest of the row's first {@code limit} logits (ties: the lowest index). */
    public int argmax(int row, int limit) {
        long base = (long) row * vocabSize;
        if (precision == Precision.FP32) {
            return FastArgmax.argmax(memory, base, limit);
        }
        // 16-bit floats are sign-magnitude: flipping the magnitude bits of negatives orders them as ints
        // (bf16 and fp16 alike), so the scan needs no conversion.
        int best = 0;
        int bestKey = orderKey(memory.get(ValueLayout.JAVA_SHORT, 2 * base));
        for (int i = 1; i < limit; i++) {
            int key = orderKey(memory.get(ValueLayout.JAVA_SHORT, 2 * (base + i)));
            if (key > bestKey) {
                bestKey = key;
                best = i;
            }
        }
        return best;
    }

    static int orderKey(short bits) {
        int s = bits;
        return s ^ ((s >> 15) & 0x7FFF);
    }
}
