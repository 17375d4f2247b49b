package org.medgo.gateway.operations.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.medgo.inference.binding.OrtCallException;
import org.medgo.inference.bundle.DemoBundle;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.InferenceEngine;

/**
 * {@code medgo.inference.backend}: {@code auto} takes the IoBinding backend where CUDA is usable and the Java-API
 * one on the CPU (this machine has no GPU); an explicit choice is honoured; {@code device: cuda} without a GPU
 * stops the start instead of silently running a large model on the CPU.
 */
class InferenceBackendChoiceTest {

    private static final ModelBundle DEMO = DemoBundle.resolve(null);

    private static InferenceProperties props(String device, String backend) {
        return new InferenceProperties(device, backend, null, null, 2, 256, null, null, null);
    }

    @Test
    void autoRunsOnTheCpuWithTheJavaApiBackendWhenThereIsNoGpu() {
        try (InferenceEngine engine = ModelConfiguration.open(DEMO, props("auto", "auto"))) {
            assertThat(engine.backendDescription()).isEqualTo("onnxruntime-java CPU");
            assertThat(engine.maxBatch()).isEqualTo(2);
        }
    }

    @Test
    void anExplicitBackendIsUsed() {
        try (InferenceEngine engine = ModelConfiguration.open(DEMO, props("cpu", "iobinding"))) {
            assertThat(engine.backendDescription()).contains("IoBinding CPU");
        }
    }

    @Test
    void cudaRequiredButMissingFails() {
        assertThatThrownBy(() -> ModelConfiguration.open(DEMO, props("cuda", "auto")))
                .isInstanceOf(OrtCallException.class).hasMessageContaining("CUDA");
    }

    @Test
    void defaultsAreTheEnginesDefaults() {
        InferenceProperties p = new InferenceProperties(null, null, null, null, null, null, null, null, null);
        assertThat(p.options()).isEqualTo(org.medgo.inference.runtime.BackendOptions.defaults());
        assertThat(p.backend()).isEqualTo("auto");
    }
}
