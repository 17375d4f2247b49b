package org.medgo.inference.runtime;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** fp32, fp16 and bf16 logits: the in-place argmax agrees with the argmax of the copied floats, ties included. */
class LogitsRowsTest {

    private static final int VOCAB = 5_000;

    @Test
    void argmaxInPlaceEqualsArgmaxOfTheCopiedRow() {
        Random rnd = new Random(17);
        try (Arena arena = Arena.ofConfined()) {
            for (LogitsRows.Precision p : LogitsRows.Precision.values()) {
                int bytes = p == LogitsRows.Precision.FP32 ? 4 : 2;
                MemorySegment m = arena.allocate((long) 3 * VOCAB * bytes, 8);
                for (int i = 0; i < 3 * VOCAB; i++) {
                    float x = (float) (rnd.nextGaussian() * 8 - 4); // mostly negative: the sign handling matters
                    switch (p) {
                        case FP32 -> m.setAtIndex(ValueLayout.JAVA_FLOAT, i, x);
                        case FP16 -> m.setAtIndex(ValueLayout.JAVA_SHORT, i, Float.floatToFloat16(x));
                        case BF16 -> m.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) (Float.floatToIntBits(x) >>> 16));
                    }
                }
                LogitsRows rows = new LogitsRows(m, p, VOCAB);
                float[] row = new float[VOCAB];
                for (int r = 0; r < 3; r++) {
                    rows.copyRow(r, row);
                    for (int limit : new int[] {VOCAB, VOCAB / 3}) {
                        assertThat(rows.argmax(r, limit)).as(p + " row " + r + " limit " + limit)
                                .isEqualTo(firstMax(row, limit));
                    }
                }
            }
        }
    }

    @Test
    void tiesGoToTheLowestIndex() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment m = arena.allocate(2L * VOCAB, 8);
            m.fill((byte) 0);
            short two = Float.floatToFloat16(2f);
            m.setAtIndex(ValueLayout.JAVA_SHORT, 40, two);
            m.setAtIndex(ValueLayout.JAVA_SHORT, 7, two);
            assertThat(new LogitsRows(m, LogitsRows.Precision.FP16, VOCAB).argmax(0, VOCAB)).isEqualTo(7);
        }
    }

    private static int firstMax(float[] x, int limit) {
        int best = 0;
        for (int i = 1; i < limit; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }
}
