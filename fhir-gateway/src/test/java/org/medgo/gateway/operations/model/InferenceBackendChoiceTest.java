package org.medgo.gateway.operations.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medgo.inference.bundle.DemoBundle;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;

/** {@code medgo.inference.*} reaches the engine: defaults are the engine's, and the chosen backend and sizes are used. */
class InferenceBackendChoiceTest {

    @Test
    void unsetPropertiesAreTheEnginesDefaults() {
        InferenceProperties p = new InferenceProperties(null, null, null, null, null, null, null, null, null);
        assertThat(p.options()).isEqualTo(BackendOptions.defaults());
        assertThat(p.backend()).isEqualTo("auto");
    }

    @Test
    void theConfiguredBackendAndBatchAreUsed() {
        InferenceProperties p = new InferenceProperties(Device.CPU, "iobinding", null, null, 3, 256, null, null, null);
        try (InferenceEngine engine = ModelConfiguration.open(DemoBundle.resolve(null), p)) {
            assertThat(engine.backendDescription()).contains("IoBinding CPU");
            assertThat(engine.maxBatch()).isEqualTo(3);
        }
    }
}
