package org.medgo.inference.binding;

import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.GraphTensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One ONNX Runtime inference session opened through the C API, on the CUDA provider or the CPU, with what
 * IoBinding needs: tensors over caller-owned host or device memory, and bindings that run the graph on them.
 *
 * <p>Not thread-safe. Close it to release the session; tensors and bindings made from it must be released
 * first.
 */
public final class OrtIoSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OrtIoSession.class.getName());

    private final OrtApi api;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment env;
    private final MemorySegment session;
    private final MemorySegment hostInfo;
    private final MemorySegment deviceInfo;
    private final boolean cuda;
    private final boolean graph;
    private final int deviceId;
    private final Map<String, GraphTensor> inputs = new LinkedHashMap<>();
    private final Map<String, GraphTensor> outputs = new LinkedHashMap<>();
    private final MemorySegment shapeScratch;
    private final MemorySegment outScratch;

    /** Opens {@code model} as {@code spec} says. */
    public static OrtIoSession open(Path model, SessionSpec spec) {
        return new OrtIoSession(OrtApi.get(), model, spec);
    }

    private OrtIoSession(OrtApi api, Path model, SessionSpec spec) {
        this.api = api;
        this.deviceId = spec.deviceId();
        this.env = api.createEnv(arena, "medgo-iobinding", Integer.getInteger("medgo.ort.logLevel", 2));
        MemorySegment s;
        boolean onCuda = spec.device() != Device.CPU;
        boolean graph = spec.graphs() == SessionSpec.GraphCapture.WHERE_SUPPORTED && onCuda;
        try {
            while (true) {
                MemorySegment options = api.createSessionOptions(arena);
                try {
                    onCuda = configure(options, spec, onCuda, graph);
                    try {
                        if (spec.int4Kernels() == SessionSpec.Int4Kernels.CUTLASS && onCuda) {
                            api.addSessionConfig(arena, options, "ep.cuda.fpa_intb_gemm", "1");
                            s = ProcessEnvironment.with("ORT_FPA_INTB_GEMM", "1",
                                    () -> api.createSession(arena, env, model, options));
                        } else {
                            s = api.createSession(arena, env, model, options);
                        }
                        break;
                    } catch (OrtCallException e) {
                        if (!graph || !onCuda) {
                            throw e;
                        }
                        // ORT checks graph capture when the session initializes; the same graph runs without it.
                        LOG.warning("CUDA graph capture not available for " + model.getFileName() + " ("
                                + e.firstLine() + "); running without it");
                        graph = false;
                    }
                } finally {
                    api.releaseSessionOptions(options);
                }
            }
        } catch (RuntimeException e) {
            api.releaseEnv(env);
            arena.close();
            throw e;
        }
        this.session = s;
        this.cuda = onCuda;
        this.graph = graph && onCuda;
        this.hostInfo = api.createMemoryInfo(arena, "Cpu", 0);
        this.deviceInfo = onCuda ? api.createMemoryInfo(arena, "Cuda", deviceId) : hostInfo;
        inputs.putAll(GraphSignature.of(api, session, true));
        outputs.putAll(GraphSignature.of(api, session, false));
        this.shapeScratch = arena.allocate(OrtApi.LONG, 8);
        this.outScratch = arena.allocate(java.lang.foreign.ValueLayout.ADDRESS);
    }

    /** Fills session options; returns whether the CUDA provider was appended. */
    private boolean configure(MemorySegment options, SessionSpec spec, boolean tryCuda, boolean graph) {
        api.setOptimizationLevel(options, 99);
        if (spec.threads() > 0) {
            api.setIntraOpThreads(options, spec.threads());
        }
        if (!tryCuda) {
            return false;
        }
        List<String> keys = new ArrayList<>(List.of("device_id", "arena_extend_strategy"));
        List<String> values = new ArrayList<>(List.of(Integer.toString(spec.deviceId()), "kSameAsRequested"));
        if (spec.gpuMemLimit() > 0) {
            keys.add("gpu_mem_limit");
            values.add(Long.toString(spec.gpuMemLimit()));
        }
        if (graph) {
            keys.add("enable_cuda_graph");
            values.add("1");
        }
        try {
            api.appendCuda(arena, options, keys, values);
            return true;
        } catch (OrtCallException e) {
            if (spec.device() == Device.CUDA) {
                throw new OrtCallException(e.code(), "CUDA provider requested but not usable: " + e.getMessage());
            }
            LOG.info("CUDA provider not usable here (" + e.firstLine() + "); IoBinding on CPU");
            return false;
        }
    }

    public OrtApi api() {
        return api;
    }

    /** True when the session runs on the CUDA provider. */
    public boolean onCuda() {
        return cuda;
    }

    /** True when the CUDA provider captures and replays CUDA graphs for runs that ask for one. */
    public boolean cudaGraph() {
        return graph;
    }

    public int deviceId() {
        return deviceId;
    }

    /** Graph inputs by name, in graph order. */
    public Map<String, GraphTensor> inputs() {
        return inputs;
    }

    /** Graph outputs by name, in graph order. */
    public Map<String, GraphTensor> outputs() {
        return outputs;
    }

    /** Where the memory under a tensor lives. */
    public enum Placement {
        HOST,
        /** Device memory of the session's provider (host memory on the CPU provider). */
        DEVICE
    }

    /** A tensor over memory the caller owns. Release with {@link #release}. */
    public MemorySegment tensor(Placement placement, long address, long bytes, long[] shape, int elementType) {
        return api.tensorOver(placement == Placement.DEVICE ? deviceInfo : hostInfo, address, bytes, shape, elementType, shapeScratch,
                outScratch);
    }

    public void release(MemorySegment value) {
        api.releaseValue(value);
    }

    /** A new IoBinding on this session. */
    public Binding binding() {
        return new Binding(api.createIoBinding(arena, session));
    }

    /**
     * Options for runs: {@code graphId} > 0 captures a CUDA graph on the first runs with that id and replays it
     * afterwards (every input and output must then be device memory at fixed addresses); -1 runs normally.
     */
    public RunOptions runOptions(int graphId) {
        MemorySegment handle = api.createRunOptions(arena);
        try {
            if (graph) {
                api.addRunConfig(arena, handle, "gpu_graph_id", Integer.toString(graphId));
            }
        } catch (RuntimeException e) {
            api.releaseRunOptions(handle);
            throw e;
        }
        return new RunOptions(handle);
    }

    /** An {@code OrtRunOptions}. */
    public final class RunOptions implements AutoCloseable {
        private final MemorySegment handle;

        private RunOptions(MemorySegment handle) {
            this.handle = handle;
        }

        @Override
        public void close() {
            api.releaseRunOptions(handle);
        }
    }

    /** A C string that lives as long as the session (for IO names bound every step). */
    public MemorySegment name(String s) {
        return arena.allocateFrom(s);
    }

    @Override
    public void close() {
        api.releaseSession(session);
        if (deviceInfo != hostInfo) {
            api.releaseMemoryInfo(deviceInfo);
        }
        api.releaseMemoryInfo(hostInfo);
        api.releaseEnv(env);
        arena.close();
    }

    /**
     * An {@code OrtIoBinding}: names bound to tensors; re-binding a name replaces its tensor. Inputs on the host
     * are copied to the device when bound; outputs bound to host tensors are copied back when the run ends.
     */
    public final class Binding implements AutoCloseable {
        private final MemorySegment handle;

        private Binding(MemorySegment handle) {
            this.handle = handle;
        }

        public void input(MemorySegment name, MemorySegment value) {
            api.bindInput(handle, name, value);
        }

        public void output(MemorySegment name, MemorySegment value) {
            api.bindOutput(handle, name, value);
        }

        /** Runs the graph on the bound tensors; returns when host outputs hold their values. */
        public void run(RunOptions options) {
            api.runWithBinding(session, options.handle, handle);
        }

        @Override
        public void close() {
            api.releaseIoBinding(handle);
        }
    }
}
