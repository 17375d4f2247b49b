package org.medgo.inference.cli;

import org.medgo.inference.bundle.DemoBundle;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Model and runtime options shared by {@code infer} and {@code bench}. */
public final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR",
            description = "model bundle folder (default: MEDGO_MODEL_DIR, else the built-in demo model)")
    Path model;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda (default: ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--device-id", defaultValue = "0", description = "CUDA device ordinal")
    int deviceId;

    @Option(names = "--gpu-mem-limit", defaultValue = "0", description = "bytes for the CUDA arena, 0 = provider default")
    long gpuMemLimit;

    @Option(names = "--threads", defaultValue = "0", description = "CPU threads for ONNX Runtime, 0 = all cores")
    int threads;

    @Option(names = "--max-length", defaultValue = "0",
            description = "tokens per sequence (prompt + output), 0 = the model's context length capped at 8192")
    int maxLength;

    @Option(names = "--prefill-chunk", defaultValue = "256", description = "prompt tokens per prefill step")
    int prefillChunk;

    @Option(names = "--cuda-graph", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "with --backend iobinding on CUDA: replay decode steps as CUDA graphs (default: on;"
                    + " --no-cuda-graph launches every kernel from the CPU)")
    boolean cudaGraph;

    @Option(names = "--int4-gemm-from", defaultValue = "0", paramLabel = "ROWS",
            description = "with --backend iobinding on CUDA and a 4-bit bundle: decode steps of ROWS or more rows use"
                    + " ORT's CUTLASS int4 kernels in a second session (2x weight memory; 0 = off)")
    int int4GemmFrom;

    @Option(names = "--backend", defaultValue = "auto",
            description = "auto (iobinding where CUDA is usable, else ort-java), iobinding (ORT C API + IoBinding: the"
                    + " KV cache stays on the GPU) or ort-java (ORT Java API) (default: ${DEFAULT-VALUE})")
    String backendKind;

    /** The backend chosen with --backend. */
    org.medgo.inference.runtime.BackendFactory factory() {
        return org.medgo.inference.gpu.Backends.named(backendKind);
    }

    ModelBundle bundle() {
        return DemoBundle.resolve(model);
    }

    BackendOptions backend(int maxBatch, int minLength) {
        int length = maxLength > 0 ? maxLength : Math.max(8192, minLength);
        return new BackendOptions(org.medgo.inference.runtime.Device.parse(device), deviceId, gpuMemLimit, threads, maxBatch, length, prefillChunk, cudaGraph,
                int4GemmFrom);
    }
}
