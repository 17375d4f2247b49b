package org.medgo.inference.runtime;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class FastArgmaxTest {

    private static int scalar(float[] v, int from, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[from + i] > v[from + best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void agreesWithAScalarLoopOnRandomAndAwkwardInputs() {
        SplittableRandom r = new SplittableRandom(3);
        try (Arena arena = Arena.ofConfined()) {
            for (int trial = 0; trial < 300; trial++) {
                int n = 1 + r.nextInt(20_000);
                int from = r.nextInt(50);
                float[] v = new float[from + n];
                for (int i = 0; i < v.length; i++) {
                    v[i] = switch (trial % 4) {
                        case 0 -> (float) r.nextGaussian() * 10;
                        case 1 -> -Math.abs((float) r.nextGaussian()) - 1; // all negative
                        case 2 -> r.nextInt(3);                              // many ties
                        default -> r.nextInt(10) == 0 ? Float.NEGATIVE_INFINITY : (float) r.nextGaussian();
                    };
                }
                MemorySegment seg = arena.allocate((long) v.length * 4);
                MemorySegment.copy(v, 0, seg, ValueLayout.JAVA_FLOAT, 0, v.length);
                assertThat(FastArgmax.argmax(seg, from, n)).as("trial %d", trial).isEqualTo(scalar(v, from, n));
            }
        }
    }
}
