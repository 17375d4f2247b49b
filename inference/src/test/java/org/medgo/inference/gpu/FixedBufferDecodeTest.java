package org.medgo.inference.gpu;

import org.junit.jupiter.api.Test;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.sampling.SamplingParams;
import org.medgo.inference.testing.TestBundles;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decode path that CUDA graphs replay (fixed ids/mask/logits buffers, a {@code [n, maxLength]} mask of which
 * only the changed band is copied) must generate what the Java-API backend generates while continuous batching
 * changes the batch width and reuses slots for shorter sequences. It runs here on the CPU provider, where the
 * "device" buffers are host memory and the bookkeeping is the same.
 */
class FixedBufferDecodeTest {

    @Test
    void greedyTokensMatchTheJavaBackendAsBatchWidthAndSlotLengthsChange() throws Exception {
        ModelBundle bundle = ModelBundle.open(TestBundles.demo());
        BackendOptions options = BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(3).withMaxLength(96)
                .withPrefillChunk(16).withThreads(1);
        IoBindingBackend[] opened = new IoBindingBackend[1];
        BackendFactory fixed = (b, o) -> opened[0] = IoBindingBackend.withGpuPathsOnCpu(b, o);
        List<int[]> viaFixed = generate(bundle, options, fixed);
        List<int[]> viaJava = generate(bundle, options, OrtJavaBackend.FACTORY);
        assertThat(opened[0].decodesThroughFixedBuffers()).isTrue();
        for (int i = 0; i < viaFixed.size(); i++) {
            assertThat(viaFixed.get(i)).as("request " + i).hasSize(NEW_TOKENS[i]).containsExactly(viaJava.get(i));
        }
    }

    @Test
    void stepsOfTwoOrMoreRowsOnASecondSessionShareTheKvCache() throws Exception {
        // On CUDA the second session has ORT's CUTLASS int4 kernels; here it is a plain second CPU session, which
        // is enough to show both sessions read and write the same KV buffers as the batch width crosses over.
        ModelBundle bundle = ModelBundle.open(TestBundles.demo());
        BackendOptions options = BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(3).withMaxLength(96)
                .withPrefillChunk(16).withThreads(1).withInt4GemmFrom(2);
        IoBindingBackend[] opened = new IoBindingBackend[1];
        List<int[]> viaTwo = generate(bundle, options, (b, o) -> opened[0] = IoBindingBackend.withGpuPathsOnCpu(b, o));
        List<int[]> viaJava = generate(bundle, options, OrtJavaBackend.FACTORY);
        assertThat(opened[0].wideSteps()).as("steps on the second session").isPositive();
        for (int i = 0; i < viaTwo.size(); i++) {
            assertThat(viaTwo.get(i)).as("request " + i).containsExactly(viaJava.get(i));
        }
    }

    /** Different lengths, so requests finish at different steps and later ones take over longer rows' slots. */
    private static final int[] NEW_TOKENS = {26, 7, 15, 30, 9, 12};
    private static final int[] PROMPTS = {40, 12, 33, 5, 21, 8};

    private static List<int[]> generate(ModelBundle bundle, BackendOptions options, BackendFactory factory)
            throws Exception {
        Random rnd = new Random(5);
        try (InferenceEngine engine = InferenceEngine.open(bundle, options, factory)) {
            List<GenerationHandle> handles = new ArrayList<>();
            for (int i = 0; i < PROMPTS.length; i++) {
                int[] prompt = rnd.ints(PROMPTS[i], 0, 151_000).toArray();
                handles.add(engine.submit(GenerationRequest.of(new Prompt.Tokens(prompt), SamplingParams.greedy(),
                        NEW_TOKENS[i]).withIgnoreEos(true), TokenListener.NONE));
            }
            List<int[]> out = new ArrayList<>();
            for (GenerationHandle h : handles) {
                out.add(h.await().tokenIds());
            }
            return out;
        }
    }
}
