package org.medgo.inference.ortjava;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;
import org.medgo.inference.testing.TestBundles;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The KV cache bookkeeping must not change the maths: chunking, batching and slot moves give the same logits. */
class OrtJavaBackendTest {

    private static DecoderBackend backend;
    private static final int[] PROMPT = {9707, 11, 1879, 0, 151644, 872, 198, 14990, 3837, 99489, 6313, 151645, 198};

    @BeforeAll
    static void open() {
        backend = OrtJavaBackend.FACTORY.open(ModelBundle.open(TestBundles.demo()),
                BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(4).withMaxLength(128).withThreads(1));
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    private static float[] logits(StepLogits step, int row) {
        float[] out = new float[step.vocabSize()];
        step.copyRow(row, out);
        return out;
    }

    private static void assertClose(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        assertThat(max).as("max abs logit difference").isCloseTo(0f, within(2e-3f));
    }

    @Test
    void chunkedPrefillPlusDecodeEqualsOnePrefill() {
        float[] whole = logits(backend.step(List.of(new RowInput(1, 0, PROMPT, 0, PROMPT.length))), 0);
        // Same prompt in slot 2: 5 tokens, then 7, then the last one as single-token chunk.
        backend.step(List.of(new RowInput(2, 0, PROMPT, 0, 5)));
        backend.step(List.of(new RowInput(2, 5, PROMPT, 5, 7)));
        float[] chunked = logits(backend.step(List.of(new RowInput(2, 12, PROMPT, 12, 1))), 0);
        assertClose(whole, chunked);
        assertThat(argmax(whole)).isEqualTo(argmax(chunked));
    }

    @Test
    void batchedDecodeEqualsOneRowAtATimeWithDifferentLengths() {
        // Row 0 holds 13 tokens, row 1 holds 6: different lengths in one decode step.
        backend.step(List.of(new RowInput(0, 0, PROMPT, 0, 12)));
        backend.step(List.of(new RowInput(1, 0, PROMPT, 3, 5)));
        int[] t0 = {PROMPT[12]};
        int[] t1 = {PROMPT[8]};
        StepLogits both = backend.step(List.of(RowInput.decode(0, 12, t0), RowInput.decode(1, 5, t1)));
        float[] b0 = logits(both, 0);
        float[] b1 = logits(both, 1);
        // Reference: fresh prefills of the full sequences in slot 3.
        float[] r0 = logits(backend.step(List.of(new RowInput(3, 0, PROMPT, 0, 13))), 0);
        int[] seq1 = {PROMPT[3], PROMPT[4], PROMPT[5], PROMPT[6], PROMPT[7], PROMPT[8]};
        float[] r1 = logits(backend.step(List.of(new RowInput(3, 0, seq1, 0, 6))), 0);
        assertClose(b0, r0);
        assertClose(b1, r1);
    }

    @Test
    void movedSlotKeepsItsCache() {
        backend.step(List.of(new RowInput(3, 0, PROMPT, 0, 12)));
        backend.moveSlot(3, 0, 12);
        float[] moved = logits(backend.step(List.of(RowInput.decode(0, 12, new int[] {PROMPT[12]}))), 0);
        float[] ref = logits(backend.step(List.of(new RowInput(1, 0, PROMPT, 0, 13))), 0);
        assertClose(moved, ref);
    }

    @Test
    void swappedSlotsKeepTheirCaches() {
        int[] other = {PROMPT[5], PROMPT[6], PROMPT[7], PROMPT[2]};
        backend.step(List.of(new RowInput(0, 0, PROMPT, 0, 12)));
        backend.step(List.of(new RowInput(1, 0, other, 0, 3)));
        backend.swapSlots(0, 1, 12);
        // slot 1 now holds PROMPT[0..12), slot 0 holds other[0..3): decode both in the swapped places
        float[] a = logits(backend.step(List.of(RowInput.decode(0, 3, new int[] {other[3]}))), 0);
        float[] b = logits(backend.step(List.of(new RowInput(1, 12, PROMPT, 12, 1))), 0);
        float[] refA = logits(backend.step(List.of(new RowInput(3, 0, other, 0, 4))), 0);
        float[] refB = logits(backend.step(List.of(new RowInput(2, 0, PROMPT, 0, 13))), 0);
        assertClose(a, refA);
        assertClose(b, refB);
    }

    @Test
    void decodeRowsMustBeCompact() {
        List<RowInput> rows = new ArrayList<>();
        rows.add(RowInput.decode(0, 1, new int[] {1}));
        rows.add(RowInput.decode(2, 1, new int[] {1}));
        assertThatThrownBy(() -> backend.step(rows)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots 0..n-1");
    }

    @Test
    void refusesToGrowPastTheCache() {
        assertThatThrownBy(() -> backend.step(List.of(RowInput.decode(0, 128, new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the KV cache length 128");
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
