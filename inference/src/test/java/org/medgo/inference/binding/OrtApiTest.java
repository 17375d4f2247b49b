package org.medgo.inference.binding;

import org.junit.jupiter.api.Test;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.testing.TestBundles;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The FFM binding reaches the same ORT library the Java classes loaded, at the right table entries. */
class OrtApiTest {

    private static final SessionSpec ONE_THREAD = SessionSpec.on(Device.CPU, 0).threads(1);

    private static java.nio.file.Path model() {
        return TestBundles.demo().resolve("model.onnx");
    }

    @Test
    void bindsTheLibraryTheJavaClassesLoaded() {
        OrtApi api = OrtApi.get();
        assertThat(api.library().getFileName().toString()).startsWith("libonnxruntime.so");
        assertThat(api.version()).isEqualTo("1.29.0");
    }

    @Test
    void statusCodesAndMessagesComeBack() {
        // CreateStatus (#0), GetErrorCode (#1), GetErrorMessage (#2), ReleaseStatus (#93) in one round trip.
        assertThat(OrtApi.get().roundTripStatus(2, "bad argument here")).isEqualTo("2:status: bad argument here");
    }

    @Test
    void sessionIntrospectionSeesTheDecoderGraph() {
        try (OrtIoSession s = OrtIoSession.open(model(), ONE_THREAD)) {
            assertThat(s.onCuda()).isFalse();
            assertThat(s.inputs()).containsKeys("input_ids", "attention_mask", "past_key_values.0.key");
            assertThat(s.outputs()).containsKeys("logits", "present.1.value");
            assertThat(s.inputs().get("input_ids").elementType()).isEqualTo(ElementType.INT64.onnxCode());
            assertThat(s.outputs().get("logits").dims()).hasSize(3).endsWith(151_936L);
        }
    }

    @Test
    void cudaRequestedWithoutAGpuFailsWithTheProvidersMessage() {
        // Exercises CreateCUDAProviderOptions (#205): without a usable GPU ORT answers with a status, not a crash.
        try (OrtIoSession s = OrtIoSession.open(model(), ONE_THREAD.on(Device.CUDA))) {
            assertThat(s.onCuda()).isTrue(); // on a GPU machine
        } catch (OrtCallException e) {
            assertThat(e.getMessage()).contains("CUDA provider requested but not usable");
            System.out.println("no CUDA here: " + e.getMessage());
        }
    }

    @Test
    void runOptionsTakeTheCudaGraphEntry() {
        // CreateRunOptions (#39), AddRunConfigEntry (#165), ReleaseRunOptions (#97): an entry at a wrong index
        // would be called with the wrong signature and fail or crash. (On a GPU the entry's effect shows as
        // captured graphs: inference/BENCHMARKS.md.)
        OrtApi api = OrtApi.get();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment options = api.createRunOptions(a);
            try {
                api.addRunConfig(a, options, "gpu_graph_id", "-1");
            } finally {
                api.releaseRunOptions(options);
            }
        }
        try (OrtIoSession s = OrtIoSession.open(model(), ONE_THREAD.withCudaGraphs());
             OrtIoSession.RunOptions r = s.runOptions(3)) {
            assertThat(s.cudaGraph()).as("no graphs on the CPU provider").isFalse();
            assertThat(r).isNotNull();
        }
    }

    @Test
    void aMissingModelIsAClearError() {
        assertThatThrownBy(() -> OrtIoSession.open(java.nio.file.Path.of("/nonexistent/model.onnx"), ONE_THREAD))
                .isInstanceOf(OrtCallException.class).hasMessageContaining("/nonexistent/model.onnx");
    }
}
