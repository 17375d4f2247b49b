package org.medgo.inference.gpu;

import org.medgo.inference.binding.CudaRuntime;
import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.binding.SessionSpec;
import org.medgo.inference.bundle.GenaiConfig;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.DeviceSelection;
import org.medgo.inference.runtime.Readout;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;
import org.medgo.inference.runtime.StepPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * {@link DecoderBackend} on ONNX Runtime's C API with IoBinding: the KV cache is preallocated once in device
 * memory ({@link KvSlots}), bound as both {@code past_key_values.N.*} and {@code present.N.*}, and never leaves the
 * device. Per step only the token ids, the attention mask (and position ids when the graph has them) go to the
 * device ({@link HostInputs}), and only the last-token logits come back, into pinned host memory
 * ({@link LogitsOutput}). The graph's facts come from the contract every backend shares ({@link DecoderGraph}).
 *
 * <p>A slot's cache is contiguous, so a prefill chunk binds a view at the slot's offset with batch 1, and a
 * decode step over slots {@code 0..n-1} binds a view of the first {@code n} slots. One IoBinding is kept per
 * such view, with the cache tensors bound once; a step rebinds only ids, mask and logits.
 *
 * <p>With {@link BackendOptions#cudaGraph()} on CUDA, decode steps replay CUDA graphs that ORT captures once per
 * batch width: a decode step of 36 layers launches hundreds of small kernels, and launching them one by one from
 * the CPU costs as much as the weights take to read at batch 1. A replay reads its inputs from the addresses it was
 * captured with, so in that mode decode bindings hold {@link FixedDecodeBuffers}. Prefill chunks run without a
 * graph.
 *
 * <p>With {@link BackendOptions#int4GemmFrom()}, decode steps of that many rows or more run on a second session of
 * the same model whose 4-bit MatMulNBits use ORT's CUTLASS kernels ({@link StepSessions}).
 *
 * <p>On the CPU provider the same code runs with host memory (CI has no GPU).
 */
public final class IoBindingBackend implements DecoderBackend {

    private static final Logger LOG = Logger.getLogger(IoBindingBackend.class.getName());

    /** Opens bundles with this backend. */
    public static final BackendFactory FACTORY = (bundle, options) -> new IoBindingBackend(bundle, options,
            CpuPaths.CPU_ONLY);

    /** What runs on the CPU provider: the CPU's own paths, or the GPU's (tests: CI has no GPU). */
    enum CpuPaths {
        CPU_ONLY,
        /** Decode through the fixed-buffer path and open the wide-step session, as on CUDA. */
        AS_ON_GPU
    }

    private final StepSessions sessions;
    private final KvMemory memory;
    private final DecoderShape shape;
    private final KvSlots cache;
    private final HostInputs inputs;
    private final LogitsOutput logits;
    /** Null unless decode steps can go through fixed device buffers (on CUDA: and replay graphs). */
    private final FixedDecodeBuffers fixed;
    private DecodePath decodePath;
    private final StepBindings bindings;
    private final TransferCounter transfers = new TransferCounter();

    /** A backend that runs the GPU's decode paths even on the CPU provider. */
    static IoBindingBackend withGpuPathsOnCpu(ModelBundle bundle, BackendOptions options) {
        return new IoBindingBackend(bundle, options, CpuPaths.AS_ON_GPU);
    }

    /** How decode steps bind their inputs and logits. */
    private enum DecodePath {
        /** Host memory that ORT copies as part of the run. */
        EAGER,
        /** {@link FixedDecodeBuffers}, copied around the run (on CUDA: replaying captured graphs). */
        FIXED_BUFFERS
    }

    private IoBindingBackend(ModelBundle bundle, BackendOptions options, CpuPaths cpuPaths) {
        GenaiConfig config = bundle.config();
        SessionSpec spec = SessionSpec.on(options.device(), options.deviceId()).gpuMemLimit(options.gpuMemLimit())
                .threads(options.threads()).graphs(options.cudaGraph() ? SessionSpec.GraphCapture.WHERE_SUPPORTED
                        : SessionSpec.GraphCapture.OFF);
        OrtIoSession io = OrtIoSession.open(bundle.modelFile(), spec);
        List<AutoCloseable> opened = new ArrayList<>(List.of(io));
        boolean gpuPaths = io.onCuda() || cpuPaths == CpuPaths.AS_ON_GPU;
        try {
            this.sessions = StepSessions.open(io, bundle, spec.on(io.onCuda() ? Device.CUDA : Device.CPU),
                    gpuPaths ? options.int4GemmFrom() : 0, options.maxBatch());
            opened.add(sessions);
            this.memory = io.onCuda() ? KvMemory.cuda(CudaRuntime.load(), options.deviceId()) : KvMemory.host();
            opened.add(memory);
            DecoderGraph graph = DecoderGraph.check(io.inputs(), io.outputs(), config);
            int maxLength = options.maxLength() == 0 ? config.contextLength()
                    : Math.min(options.maxLength(), config.contextLength());
            this.shape = new DecoderShape(config.layers(), config.kvHeads(), config.headSize(), graph.vocab(),
                    options.maxBatch(), maxLength, Math.min(options.prefillChunk(), maxLength));
            IoNames names = IoNames.of(io, config, graph.selection());
            boolean positions = config.positionIds() != null;
            this.cache = new KvSlots(io, memory, shape, graph.kvType());
            this.inputs = new HostInputs(io, memory, shape, graph, positions);
            this.logits = new LogitsOutput(io, memory, shape, graph);
            this.fixed = io.cudaGraph() || (gpuPaths && !io.onCuda())
                    ? new FixedDecodeBuffers(io, memory, shape, graph, positions) : null;
            this.decodePath = fixed == null ? DecodePath.EAGER : DecodePath.FIXED_BUFFERS;
            this.bindings = new StepBindings(sessions, cache, names, shape.maxBatch());
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        LOG.info(() -> describe() + ": " + shape + ", KV " + (cache.bytes() >> 20) + " MiB");
    }

    @Override
    public DecoderShape shape() {
        return shape;
    }

    /**
     * The graph's device-side selection while decode steps go through the fixed buffers (only they read it back);
     * {@link DeviceSelection#NONE} otherwise.
     */
    @Override
    public DeviceSelection selection() {
        return decodePath == DecodePath.FIXED_BUFFERS ? fixed.selection() : DeviceSelection.NONE;
    }

    @Override
    public String describe() {
        OrtIoSession io = sessions.main();
        return "onnxruntime " + io.api().version() + " C API IoBinding " + (io.onCuda() ? "CUDA:" + io.deviceId()
                : "CPU") + (decodePath == DecodePath.FIXED_BUFFERS && io.cudaGraph() ? " + CUDA graphs" : "")
                + sessions.describe() + (selection().available() ? " + device-side selection (top-" + selection().topK()
                + ")" : "");
    }

    /** Bytes copied between host and device so far (inputs in, logits out), and steps. */
    public TransferCounter transfers() {
        return transfers;
    }

    @Override
    public StepLogits step(List<RowInput> rows) {
        StepPlan plan = StepPlan.of(rows, shape);
        if (!plan.prefill() && decodePath == DecodePath.FIXED_BUFFERS) {
            try {
                return fixedStep(rows, plan);
            } catch (RuntimeException e) {
                // A kernel that cannot be captured shows up only at the first capture; the eager path still works.
                if (!sessions.main().cudaGraph()) {
                    throw e;
                }
                LOG.warning("CUDA graph decode failed (" + e.getMessage() + "); decoding without CUDA graphs");
                bindings.dropDecode();
                decodePath = DecodePath.EAGER;
            }
        }
        return eagerStep(rows, plan);
    }

    /** A step whose inputs and logits ORT copies over as part of the run. */
    private StepLogits eagerStep(List<RowInput> rows, StepPlan plan) {
        int index = plan.prefill() ? rows.getFirst().slot() : plan.rows() - 1;
        OrtIoSession.Binding b = bindings.get(plan.kind(), index, null);
        try {
            long in = inputs.bind(b, bindings.names(), rows, plan);
            long out = logits.bind(b, bindings.names(), plan);
            long t0 = System.nanoTime();
            b.run(sessions.eager(plan.kind(), plan.rows()));
            long t1 = System.nanoTime();
            boolean bus = sessions.main().onCuda();
            transfers.add(plan.kind(), bus ? in : 0, bus ? out : 0);
            return logits.finish(plan, t1 - t0);
        } finally {
            inputs.releaseStep();
            logits.releaseStep();
        }
    }

    /**
     * A decode step of {@code n} rows on the graph of width {@code n}: ids and the changed part of the mask go
     * to their fixed device buffers, ORT replays (or, the first times for this width, runs and captures), and
     * the logits come back.
     */
    private StepLogits fixedStep(List<RowInput> rows, StepPlan plan) {
        int n = plan.rows();
        long in = fixed.upload(rows);
        OrtIoSession.RunOptions run = sessions.captured(n);
        OrtIoSession.Binding b = bindings.get(StepPlan.Kind.DECODE, n - 1, fixed);
        long t0 = System.nanoTime();
        b.run(run);
        memory.synchronize();
        long t1 = System.nanoTime();
        long out = fixed.download(logits.host(), rows);
        boolean bus = sessions.main().onCuda();
        transfers.add(StepPlan.Kind.DECODE, bus ? in : 0, bus ? out : 0);
        return fixed.view(rows, logits.view(), t1 - t0);
    }

    /** Decode steps that ran on the second session so far. */
    long wideSteps() {
        return sessions.wideSteps();
    }

    /** Decode rows that read back {@code readout} through the fixed buffers so far. */
    long rowsRead(Readout readout) {
        return fixed == null ? 0 : fixed.rowsRead(readout);
    }

    /** True while decode steps go through the fixed device buffers (the CUDA graph path). */
    boolean decodesThroughFixedBuffers() {
        return decodePath == DecodePath.FIXED_BUFFERS;
    }

    @Override
    public void moveSlot(int from, int to, int length) {
        cache.move(from, to, length);
    }

    @Override
    public void swapSlots(int a, int b, int length) {
        cache.swap(a, b, length);
    }

    @Override
    public void close() {
        bindings.close();
        cache.release();
        logits.release();
        if (fixed != null) {
            fixed.release();
        }
        sessions.close();
        if (transfers.decodeSteps() > 0 || transfers.prefillSteps() > 0) {
            LOG.info(() -> describe() + " transfers: " + transfers);
        }
        memory.close();
        sessions.main().close();
    }
}
