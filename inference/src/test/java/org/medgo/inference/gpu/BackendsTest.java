package org.medgo.inference.gpu;

import org.junit.jupiter.api.Test;
import org.medgo.inference.binding.OrtCallException;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.testing.TestBundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code auto} takes the IoBinding backend where CUDA is usable and the Java-API one on the CPU (CI has no GPU);
 * device {@code cuda} without a GPU is an error rather than a silent move of a large model to the CPU.
 */
class BackendsTest {

    private static final ModelBundle DEMO = ModelBundle.open(TestBundles.demo());
    private static final BackendOptions SMALL = BackendOptions.defaults().withMaxBatch(2).withMaxLength(128);

    @Test
    void autoWithoutAGpuRunsOnTheCpuWithTheJavaApiBackend() {
        try (DecoderBackend b = Backends.named("auto").open(DEMO, SMALL)) {
            assertThat(b.describe()).isEqualTo("onnxruntime-java CPU");
        }
        try (DecoderBackend b = Backends.named("auto").open(DEMO, SMALL.withDevice(Device.CPU))) {
            assertThat(b.describe()).isEqualTo("onnxruntime-java CPU");
        }
    }

    @Test
    void cudaRequiredButMissingIsAnError() {
        assertThatThrownBy(() -> Backends.named("auto").open(DEMO, SMALL.withDevice(Device.CUDA)))
                .isInstanceOf(OrtCallException.class).hasMessageContaining("CUDA");
    }

    @Test
    void namedBackends() {
        try (DecoderBackend b = Backends.named("iobinding").open(DEMO, SMALL.withDevice(Device.CPU))) {
            assertThat(b.describe()).startsWith("onnxruntime 1.29.0 C API IoBinding CPU");
        }
        assertThatThrownBy(() -> Backends.named("tensorrt")).isInstanceOf(IllegalArgumentException.class);
    }
}
