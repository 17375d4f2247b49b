package org.medgo.inference.gpu;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;
import org.medgo.inference.sampling.SamplingParams;
import org.medgo.inference.testing.TestBundles;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The IoBinding backend (ORT C API through FFM) on the CPU provider must compute what the ORT Java API backend
 * computes: the same tokens in the same slots give the same logits, through prefill chunks, batched decode
 * steps and slot moves.
 */
class IoBindingBackendTest {

    private static final BackendOptions OPTIONS = BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(4)
            .withMaxLength(96).withPrefillChunk(32).withThreads(1);
    private static DecoderBackend io;
    private static DecoderBackend java;

    @BeforeAll
    static void open() {
        ModelBundle bundle = ModelBundle.open(TestBundles.demo());
        io = IoBindingBackend.FACTORY.open(bundle, OPTIONS);
        java = OrtJavaBackend.FACTORY.open(bundle, OPTIONS);
    }

    @AfterAll
    static void close() {
        if (io != null) {
            io.close();
        }
        if (java != null) {
            java.close();
        }
    }

    private static int[] randomTokens(Random r, int n) {
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(151_000);
        }
        return t;
    }

    private static float[][] rows(StepLogits step) {
        float[][] out = new float[step.rows()][step.vocabSize()];
        for (int i = 0; i < step.rows(); i++) {
            step.copyRow(i, out[i]);
        }
        return out;
    }

    /** Runs the same step on both backends and checks the logits agree (and are not all equal). */
    private static float[][] stepBoth(List<RowInput> rows) {
        float[][] a = rows(io.step(rows));
        StepLogits js = java.step(rows);
        float[][] b = rows(js);
        double maxRel = 0;
        for (int r = 0; r < a.length; r++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < a[r].length; i++) {
                assertThat(Float.isFinite(a[r][i])).isTrue();
                num += (a[r][i] - b[r][i]) * (double) (a[r][i] - b[r][i]);
                den += b[r][i] * (double) b[r][i];
            }
            maxRel = Math.max(maxRel, Math.sqrt(num / den));
        }
        assertThat(maxRel).as("relative L2 difference to the Java-API backend").isLessThan(1e-5);
        return a;
    }

    @Test
    void sameLogitsAsJavaBackendThroughPrefillDecodeAndSlotMoves() {
        Random rnd = new Random(7);
        int[][] prompts = {randomTokens(rnd, 45), randomTokens(rnd, 20), randomTokens(rnd, 7)};
        int[] cached = new int[3];
        // Prefill in slots 3, 2, 1 with chunks of up to 32 tokens (chunked prefill with past > 0).
        for (int p = 0; p < 3; p++) {
            int slot = 3 - p;
            for (int off = 0; off < prompts[p].length; off += 32) {
                int n = Math.min(32, prompts[p].length - off);
                stepBoth(List.of(new RowInput(slot, off, prompts[p], off, n)));
            }
            cached[p] = prompts[p].length;
        }
        // Compact into decode slots 0..2 as the scheduler does (moves and a swap).
        for (DecoderBackend b : List.of(io, java)) {
            b.moveSlot(3, 0, cached[0]);
            b.swapSlots(2, 1, Math.max(cached[1], cached[2]));
        }
        // Now slot 0 holds prompt 0, slot 1 prompt 1 (swapped in from slot 2), slot 2 prompt 2.
        int[][] next = {{11}, {12}, {13}};
        int[] len = {cached[0], cached[1], cached[2]};
        for (int step = 0; step < 6; step++) {
            List<RowInput> rows = new ArrayList<>();
            for (int s = 0; s < 3; s++) {
                rows.add(RowInput.decode(s, len[s], next[s]));
            }
            float[][] out = stepBoth(rows);
            for (int s = 0; s < 3; s++) {
                len[s]++;
                next[s] = new int[] {argmax(out[s])};
            }
        }
    }

    private static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void argmaxMatchesTheCopiedRow() {
        Random rnd = new Random(3);
        int[] prompt = randomTokens(rnd, 9);
        StepLogits s = io.step(List.of(new RowInput(0, 0, prompt, 0, prompt.length)));
        float[] row = new float[s.vocabSize()];
        s.copyRow(0, row);
        assertThat(s.argmax(0, 151_000)).isEqualTo(argmaxBelow(row, 151_000));
        assertThat(s.runNanos()).isPositive();
    }

    private static int argmaxBelow(float[] x, int limit) {
        int best = 0;
        for (int i = 1; i < limit; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void rejectsStepsThatBreakTheContract() {
        int[] one = {5};
        assertThatThrownBy(() -> io.step(List.of(RowInput.decode(1, 3, one), RowInput.decode(0, 3, one))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> io.step(List.of(new RowInput(0, 95, new int[] {1, 2}, 0, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KV cache length");
    }

    @Test
    void greedyGenerationThroughTheEngineMatchesTheJavaBackend() throws Exception {
        ModelBundle bundle = ModelBundle.open(TestBundles.demo());
        BackendOptions options = BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(3).withMaxLength(128)
                .withPrefillChunk(8).withThreads(1);
        List<int[]> viaIo = generate(bundle, options, IoBindingBackend.FACTORY);
        List<int[]> viaJava = generate(bundle, options, OrtJavaBackend.FACTORY);
        for (int i = 0; i < viaIo.size(); i++) {
            assertThat(viaIo.get(i)).as("request " + i).containsExactly(viaJava.get(i));
            assertThat(viaIo.get(i)).hasSize(24);
        }
    }

    private static List<int[]> generate(ModelBundle bundle, BackendOptions options,
                                        org.medgo.inference.runtime.BackendFactory factory) throws Exception {
        Random rnd = new Random(11);
        try (InferenceEngine engine = InferenceEngine.open(bundle, options, factory)) {
            List<org.medgo.inference.generation.GenerationHandle> handles = new ArrayList<>();
            // Five requests on three slots: continuous batching admits the last two as others finish.
            for (int i = 0; i < 5; i++) {
                handles.add(engine.submit(GenerationRequest.of(new Prompt.Tokens(randomTokens(rnd, 10 + 7 * i)),
                        SamplingParams.greedy(), 24).withIgnoreEos(true), TokenListener.NONE));
            }
            List<int[]> out = new ArrayList<>();
            for (var h : handles) {
                GenerationResult r = h.await();
                out.add(r.tokenIds());
            }
            return out;
        }
    }
}
