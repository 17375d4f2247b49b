package org.medgo.inference.gpu;

import org.medgo.inference.binding.CudaRuntime;
import org.medgo.inference.binding.OrtApi;
import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.bundle.BundleException;
import org.medgo.inference.bundle.GenaiConfig;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.LogitsRows;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.IntStream;

/**
 * {@link DecoderBackend} on ONNX Runtime's C API with IoBinding: the KV cache is preallocated once in device
 * memory (one key and one value buffer per layer, {@code [maxBatch, kvHeads, maxLength, headDim]}), bound as
 * both {@code past_key_values.N.*} and {@code present.N.*}, and never leaves the device. Per step only the
 * token ids, the attention mask (and position ids when the graph has them) go to the device, and only the
 * last-token logits come back, into pinned host memory.
 *
 * <p>A slot's cache is contiguous, so a prefill chunk binds a view at the slot's offset with batch 1, and a
 * decode step over slots {@code 0..n-1} binds a view of the first {@code n} slots. One IoBinding is kept per
 * such view, with the cache tensors bound once; a step rebinds only ids, mask and logits.
 *
 * <p>With {@link BackendOptions#cudaGraph()} on CUDA, decode steps replay CUDA graphs that ORT captures once per
 * batch width: a decode step of 36 layers launches hundreds of small kernels, and launching them one by one from
 * the CPU costs as much as the weights take to read at batch 1. A replay reads its inputs from the addresses it was
 * captured with, so in that mode a decode binding holds fixed device buffers for ids, mask and logits: the host
 * writes ids and mask into pinned memory, copies them over before the run and copies the logits back after it.
 * The mask is then always {@code [n, maxLength]} (ORT's attention reads the lengths from its row sums), and only
 * the columns up to the longest row cross the bus. Prefill chunks run without a graph.
 *
 * <p>With {@link BackendOptions#int4GemmFrom()}, decode steps of that many rows or more run on a second session of
 * the same model whose 4-bit MatMulNBits use ORT's CUTLASS kernels (faster than the default ones from a few rows
 * up, slower for one row; ORT chooses them per session). Both sessions read and write the same KV buffers.
 *
 * <p>On the CPU provider the same code runs with host memory (CI has no GPU).
 */
public final class IoBindingBackend implements DecoderBackend {

    private static final Logger LOG = Logger.getLogger(IoBindingBackend.class.getName());

    /** Opens bundles with this backend. */
    public static final BackendFactory FACTORY = (bundle, options) -> new IoBindingBackend(bundle, options, false);

    private final OrtIoSession io;
    /** Second session for decode steps of {@link #wideFrom} rows or more; null when off. */
    private final OrtIoSession wide;
    private final int wideFrom;
    private long wideSteps;
    private final KvMemory memory;
    private final GenaiConfig config;
    private final DecoderShape shape;
    private final int kvType;
    private final int logitsType;
    private final int idsType;
    private final int maskType;
    private final boolean positions;
    private final boolean logitsLastOnly;
    private final long slotBytes;
    private final long headBytes;
    private final long[] keys;
    private final long[] values;
    private final MemorySegment[][] prefixKeys;
    private final MemorySegment[][] prefixValues;
    private final MemorySegment[][] slotKeys;
    private final MemorySegment[][] slotValues;
    private final OrtIoSession.Binding[] decodeBindings;
    private final OrtIoSession.Binding[] prefillBindings;
    private final MemorySegment idsHost;
    private final MemorySegment positionsHost;
    private final MemorySegment maskHost;
    private final MemorySegment logitsHost;
    private final MemorySegment[] logitsTensors;
    private final MemorySegment idsName;
    private final MemorySegment maskName;
    private final MemorySegment positionsName;
    private final MemorySegment logitsName;
    private final MemorySegment[] pastKeyNames;
    private final MemorySegment[] pastValueNames;
    private final MemorySegment[] presentKeyNames;
    private final MemorySegment[] presentValueNames;
    private long swapTemp;
    private final OrtIoSession.RunOptions eagerRun;
    private final OrtIoSession.RunOptions wideEagerRun;
    private final OrtIoSession.RunOptions[] graphRuns;
    /** Decode steps use the fixed device buffers (on CUDA: and replay graphs). */
    private boolean fixedIo;
    private final long idsDevice;
    private final long positionsDevice;
    private final long maskDevice;
    private final long logitsDevice;
    private final MemorySegment maskRows;
    private final int[] maskRowLength;
    private final int[] deviceMaskExtent;
    private final List<MemorySegment> deviceTensors = new ArrayList<>();
    private final Logits view;
    private final TransferCounter transfers = new TransferCounter();

    /**
     * @param gpuPathsOnCpu on the CPU provider, decode through the fixed-buffer path and open the wide-step session
     *                      too (tests: CI has no GPU, and the bookkeeping is the same)
     */
    IoBindingBackend(ModelBundle bundle, BackendOptions options, boolean gpuPathsOnCpu) {
        this.config = bundle.config();
        this.io = OrtIoSession.open(bundle.modelFile(), options.device(), options.deviceId(), options.gpuMemLimit(),
                options.threads(), options.cudaGraph());
        KvMemory mem = null;
        OrtIoSession second = null;
        try {
            second = options.int4GemmFrom() > 0 && options.int4GemmFrom() <= options.maxBatch()
                    && (io.onCuda() || gpuPathsOnCpu) ? openWide(bundle, options) : null;
            this.wide = second;
            this.wideFrom = options.int4GemmFrom();
            mem = io.onCuda() ? KvMemory.cuda(CudaRuntime.load(), options.deviceId()) : KvMemory.host();
            this.memory = mem;
            Map<String, OrtApi.TensorType> in = io.inputs();
            Map<String, OrtApi.TensorType> out = io.outputs();
            checkGraph(in, out);
            this.kvType = in.get(config.pastKey(0)).elementType();
            this.idsType = in.get(config.inputIds()).elementType();
            this.maskType = in.get(config.attentionMask()).elementType();
            this.positions = config.positionIds() != null;
            OrtApi.TensorType logits = out.get(config.logits());
            this.logitsType = logits.elementType();
            long[] ld = logits.dims();
            this.logitsLastOnly = ld.length == 3 && ld[1] == 1;
            int maxLength = options.maxLength() == 0 ? config.contextLength()
                    : Math.min(options.maxLength(), config.contextLength());
            this.shape = new DecoderShape(config.layers(), config.kvHeads(), config.headSize(), config.vocabSize(),
                    options.maxBatch(), maxLength, Math.min(options.prefillChunk(), maxLength));
            int layers = shape.layers();
            int kvBytes = OrtIoSession.elementBytes(kvType);
            headBytes = (long) maxLength * shape.headDim() * kvBytes;
            slotBytes = headBytes * shape.kvHeads();
            keys = new long[layers];
            values = new long[layers];
            prefixKeys = new MemorySegment[shape.maxBatch()][layers];
            prefixValues = new MemorySegment[shape.maxBatch()][layers];
            slotKeys = new MemorySegment[shape.maxBatch()][layers];
            slotValues = new MemorySegment[shape.maxBatch()][layers];
            for (int l = 0; l < layers; l++) {
                keys[l] = memory.allocateCache(slotBytes * shape.maxBatch());
                values[l] = memory.allocateCache(slotBytes * shape.maxBatch());
                for (int n = 1; n <= shape.maxBatch(); n++) {
                    prefixKeys[n - 1][l] = kvTensor(keys[l], 0, n);
                    prefixValues[n - 1][l] = kvTensor(values[l], 0, n);
                }
                for (int slot = 0; slot < shape.maxBatch(); slot++) {
                    slotKeys[slot][l] = slot == 0 ? prefixKeys[0][l] : kvTensor(keys[l], slot, 1);
                    slotValues[slot][l] = slot == 0 ? prefixValues[0][l] : kvTensor(values[l], slot, 1);
                }
            }
            int idsCap = Math.max(shape.prefillChunk(), shape.maxBatch());
            idsHost = memory.allocateHost((long) idsCap * 8);
            positionsHost = memory.allocateHost((long) idsCap * 8);
            maskHost = memory.allocateHost((long) shape.maxBatch() * maxLength * 8);
            int logitsRows = logitsLastOnly ? shape.maxBatch() : Math.max(shape.maxBatch(), shape.prefillChunk());
            long rowBytes = (long) shape.vocabSize() * OrtIoSession.elementBytes(logitsType);
            logitsHost = memory.allocateHost(logitsRows * rowBytes);
            logitsTensors = new MemorySegment[shape.maxBatch()];
            for (int n = 1; n <= shape.maxBatch(); n++) {
                logitsTensors[n - 1] = io.tensor(false, logitsHost.address(), n * rowBytes,
                        new long[] {n, 1, shape.vocabSize()}, logitsType);
            }
            decodeBindings = new OrtIoSession.Binding[shape.maxBatch()];
            prefillBindings = new OrtIoSession.Binding[shape.maxBatch()];
            idsName = io.name(config.inputIds());
            maskName = io.name(config.attentionMask());
            positionsName = positions ? io.name(config.positionIds()) : null;
            logitsName = io.name(config.logits());
            pastKeyNames = new MemorySegment[layers];
            pastValueNames = new MemorySegment[layers];
            presentKeyNames = new MemorySegment[layers];
            presentValueNames = new MemorySegment[layers];
            for (int l = 0; l < layers; l++) {
                pastKeyNames[l] = io.name(config.pastKey(l));
                pastValueNames[l] = io.name(config.pastValue(l));
                presentKeyNames[l] = io.name(config.presentKey(l));
                presentValueNames[l] = io.name(config.presentValue(l));
            }
            view = new Logits();
            eagerRun = io.runOptions(-1);
            wideEagerRun = wide == null ? null : wide.runOptions(-1);
            graphRuns = new OrtIoSession.RunOptions[shape.maxBatch()];
            fixedIo = io.cudaGraph() || (gpuPathsOnCpu && !io.onCuda());
            if (fixedIo) {
                int idsBytes = OrtIoSession.elementBytes(idsType);
                idsDevice = memory.allocateCache((long) shape.maxBatch() * idsBytes);
                positionsDevice = positions ? memory.allocateCache((long) shape.maxBatch() * idsBytes) : 0;
                long maskRowBytes = (long) maxLength * OrtIoSession.elementBytes(maskType);
                maskDevice = memory.allocateCache(shape.maxBatch() * maskRowBytes);
                maskRows = memory.allocateHost(shape.maxBatch() * maskRowBytes);
                logitsDevice = memory.allocateCache(shape.maxBatch() * rowBytes);
                maskRowLength = new int[shape.maxBatch()];
                deviceMaskExtent = new int[shape.maxBatch()];
            } else {
                idsDevice = positionsDevice = maskDevice = logitsDevice = 0;
                maskRows = null;
                maskRowLength = deviceMaskExtent = null;
            }
        } catch (RuntimeException e) {
            if (mem != null) {
                mem.close();
            }
            if (second != null) {
                second.close();
            }
            io.close();
            throw e;
        }
        LOG.info(() -> describe() + ": " + shape + ", KV " + (2L * slotBytes * shape.maxBatch() * shape.layers() >> 20)
                + " MiB");
    }

    /** The wide-step session, or null (logged) when it cannot open: decoding then stays on the first one. */
    private OrtIoSession openWide(ModelBundle bundle, BackendOptions options) {
        try {
            return OrtIoSession.open(bundle.modelFile(), io.onCuda() ? "cuda" : "cpu", options.deviceId(),
                    options.gpuMemLimit(), options.threads(), options.cudaGraph(), true);
        } catch (RuntimeException e) {
            LOG.warning("no second session for decode steps of " + options.int4GemmFrom() + "+ rows ("
                    + e.getMessage() + "); all steps run on the first");
            return null;
        }
    }

    /** The session a decode step of {@code n} rows runs on. */
    private OrtIoSession sessionFor(int n) {
        return wide != null && n >= wideFrom ? wide : io;
    }

    /** Counts a decode step of {@code n} rows; returns the run options of its session. */
    private OrtIoSession.RunOptions eagerDecodeRun(int n) {
        if (sessionFor(n) == wide) {
            wideSteps++;
            return wideEagerRun;
        }
        return eagerRun;
    }

    private void checkGraph(Map<String, OrtApi.TensorType> in, Map<String, OrtApi.TensorType> out) {
        int graphLayers = 0;
        while (in.containsKey(config.pastKey(graphLayers))) {
            graphLayers++;
        }
        if (graphLayers != config.layers()) {
            throw new BundleException("genai_config.json says " + config.layers() + " layers but the graph has "
                    + graphLayers + ": the files are from different models");
        }
        for (String name : List.of(config.inputIds(), config.attentionMask())) {
            if (!in.containsKey(name)) {
                throw new BundleException("the graph has no input \"" + name + "\"; inputs are " + in.keySet());
            }
        }
        if (config.positionIds() != null && !in.containsKey(config.positionIds())) {
            throw new BundleException("the graph has no input \"" + config.positionIds() + "\"");
        }
        for (int l = 0; l < config.layers(); l++) {
            if (!in.containsKey(config.pastValue(l)) || !out.containsKey(config.presentKey(l))
                    || !out.containsKey(config.presentValue(l))) {
                throw new BundleException("the graph lacks the KV input/output names of layer " + l);
            }
        }
        if (!out.containsKey(config.logits())) {
            throw new BundleException("the graph has no output \"" + config.logits() + "\"");
        }
        long[] kv = in.get(config.pastKey(0)).dims();
        if (kv.length != 4 || (kv[1] > 0 && kv[1] != config.kvHeads()) || (kv[3] > 0 && kv[3] != config.headSize())) {
            throw new BundleException("graph KV input has shape " + java.util.Arrays.toString(kv)
                    + " but genai_config.json says " + config.kvHeads() + " kv heads of size " + config.headSize());
        }
        long[] ld = out.get(config.logits()).dims();
        long vocab = ld[ld.length - 1];
        if (vocab > 0 && vocab != config.vocabSize()) {
            throw new BundleException("graph logits have " + vocab + " entries but genai_config.json says vocab_size "
                    + config.vocabSize());
        }
        for (int t : new int[] {in.get(config.pastKey(0)).elementType(), out.get(config.logits()).elementType()}) {
            if (t != OrtApi.TYPE_FLOAT && t != OrtApi.TYPE_FLOAT16 && t != OrtApi.TYPE_BFLOAT16) {
                throw new BundleException("unsupported element type " + t + " for KV cache or logits");
            }
        }
        for (String name : positionsOrNone(List.of(config.inputIds(), config.attentionMask()))) {
            int t = in.get(name).elementType();
            if (t != OrtApi.TYPE_INT64 && t != OrtApi.TYPE_INT32) {
                throw new BundleException("input \"" + name + "\" has element type " + t + "; int64 or int32 expected");
            }
        }
    }

    private List<String> positionsOrNone(List<String> base) {
        return config.positionIds() == null ? base
                : java.util.stream.Stream.concat(base.stream(), java.util.stream.Stream.of(config.positionIds())).toList();
    }

    private MemorySegment kvTensor(long base, int firstSlot, int slots) {
        return io.tensor(true, base + firstSlot * slotBytes, slots * slotBytes,
                new long[] {slots, shape.kvHeads(), shape.maxLength(), shape.headDim()}, kvType);
    }

    private OrtIoSession.Binding binding(boolean prefill, int index) {
        OrtIoSession.Binding[] cache = prefill ? prefillBindings : decodeBindings;
        OrtIoSession.Binding b = cache[index];
        if (b == null) {
            b = (prefill ? io : sessionFor(index + 1)).binding();
            if (!prefill && fixedIo) {
                bindDeviceIo(b, index + 1);
            }
            for (int l = 0; l < shape.layers(); l++) {
                MemorySegment k = prefill ? slotKeys[index][l] : prefixKeys[index][l];
                MemorySegment v = prefill ? slotValues[index][l] : prefixValues[index][l];
                b.input(pastKeyNames[l], k);
                b.input(pastValueNames[l], v);
                b.output(presentKeyNames[l], k);
                b.output(presentValueNames[l], v);
            }
            cache[index] = b;
        }
        return b;
    }

    /** Binds the fixed device buffers a graph of width {@code n} reads and writes. */
    private void bindDeviceIo(OrtIoSession.Binding b, int n) {
        int idsBytes = OrtIoSession.elementBytes(idsType);
        b.input(idsName, deviceTensor(idsDevice, (long) n * idsBytes, new long[] {n, 1}, idsType));
        if (positions) {
            b.input(positionsName, deviceTensor(positionsDevice, (long) n * idsBytes, new long[] {n, 1}, idsType));
        }
        long maskRowBytes = (long) shape.maxLength() * OrtIoSession.elementBytes(maskType);
        b.input(maskName, deviceTensor(maskDevice, n * maskRowBytes, new long[] {n, shape.maxLength()}, maskType));
        long rowBytes = (long) shape.vocabSize() * OrtIoSession.elementBytes(logitsType);
        b.output(logitsName, deviceTensor(logitsDevice, n * rowBytes, new long[] {n, 1, shape.vocabSize()},
                logitsType));
    }

    private MemorySegment deviceTensor(long address, long bytes, long[] dims, int type) {
        MemorySegment t = io.tensor(true, address, bytes, dims, type);
        deviceTensors.add(t);
        return t;
    }

    @Override
    public DecoderShape shape() {
        return shape;
    }

    @Override
    public String describe() {
        return "onnxruntime " + io.api().version() + " C API IoBinding " + (io.onCuda() ? "CUDA:" + io.deviceId()
                : "CPU") + (fixedIo && io.cudaGraph() ? " + CUDA graphs" : "")
                + (wide != null ? " + CUTLASS int4 kernels from " + wideFrom + " rows" : "");
    }

    /** Bytes copied between host and device so far (inputs in, logits out), and steps. */
    public TransferCounter transfers() {
        return transfers;
    }

    @Override
    public StepLogits step(List<RowInput> rows) {
        int n = rows.size();
        if (n == 0 || n > shape.maxBatch()) {
            throw new IllegalArgumentException("a step needs 1.." + shape.maxBatch() + " rows, got " + n);
        }
        int seq = rows.getFirst().count();
        boolean prefill = n == 1 && (seq > 1 || rows.getFirst().slot() != 0);
        if (!prefill) {
            for (int i = 0; i < n; i++) {
                RowInput r = rows.get(i);
                if (r.count() != 1 || r.slot() != i) {
                    throw new IllegalArgumentException("a decode step needs one token per row in slots 0..n-1; row "
                            + i + " has slot " + r.slot() + " and " + r.count() + " tokens");
                }
            }
        } else if (seq > Math.max(shape.prefillChunk(), shape.maxBatch())) {
            throw new IllegalArgumentException("prefill chunk of " + seq + " tokens is over " + shape.prefillChunk());
        } else if (rows.getFirst().slot() >= shape.maxBatch()) {
            throw new IllegalArgumentException("slot " + rows.getFirst().slot() + " is over " + shape.maxBatch());
        }
        int total = 0;
        for (RowInput r : rows) {
            if (r.totalLength() > shape.maxLength()) {
                throw new IllegalArgumentException("sequence in slot " + r.slot() + " would hold " + r.totalLength()
                        + " tokens, over the KV cache length " + shape.maxLength());
            }
            total = Math.max(total, r.totalLength());
        }
        if (!prefill && fixedIo) {
            try {
                return fixedIoStep(rows);
            } catch (RuntimeException e) {
                // A kernel that cannot be captured shows up only at the first capture; the eager path still works.
                if (!io.cudaGraph()) {
                    throw e;
                }
                LOG.warning("CUDA graph decode failed (" + e.getMessage() + "); decoding without CUDA graphs");
                dropGraphs();
            }
        }
        for (int i = 0; i < n; i++) {
            RowInput r = rows.get(i);
            for (int t = 0; t < seq; t++) {
                putIndex(idsHost, idsType, i * seq + t, r.tokens()[r.offset() + t]);
                putIndex(positionsHost, idsType, i * seq + t, r.pastLength() + t);
            }
            long base = (long) i * total;
            int len = r.totalLength();
            for (int j = 0; j < total; j++) {
                putIndex(maskHost, maskType, base + j, j < len ? 1 : 0);
            }
        }
        int idsBytes = OrtIoSession.elementBytes(idsType);
        int maskBytes = OrtIoSession.elementBytes(maskType);
        long rowBytes = (long) shape.vocabSize() * OrtIoSession.elementBytes(logitsType);
        OrtIoSession.Binding b = binding(prefill, prefill ? rows.getFirst().slot() : n - 1);
        MemorySegment ids = io.tensor(false, idsHost.address(), (long) n * seq * idsBytes, new long[] {n, seq}, idsType);
        MemorySegment mask = null;
        MemorySegment pos = null;
        MemorySegment fullLogits = null;
        try {
            mask = io.tensor(false, maskHost.address(), (long) n * total * maskBytes, new long[] {n, total}, maskType);
            b.input(idsName, ids);
            b.input(maskName, mask);
            long in = (long) n * seq * idsBytes + (long) n * total * maskBytes;
            if (positions) {
                pos = io.tensor(false, positionsHost.address(), (long) n * seq * idsBytes, new long[] {n, seq},
                        idsType);
                b.input(positionsName, pos);
                in += (long) n * seq * idsBytes;
            }
            long outBytes;
            if (logitsLastOnly || seq == 1) {
                b.output(logitsName, logitsTensors[n - 1]);
                outBytes = n * rowBytes;
            } else {
                fullLogits = io.tensor(false, logitsHost.address(), seq * rowBytes,
                        new long[] {1, seq, shape.vocabSize()}, logitsType);
                b.output(logitsName, fullLogits);
                outBytes = seq * rowBytes;
            }
            long t0 = System.nanoTime();
            b.run(prefill ? eagerRun : eagerDecodeRun(n));
            long t1 = System.nanoTime();
            if (fullLogits != null) {
                MemorySegment.copy(logitsHost, (seq - 1) * rowBytes, logitsHost, 0, rowBytes);
            }
            if (io.onCuda()) {
                transfers.add(prefill, in, outBytes);
            } else {
                transfers.add(prefill, 0, 0);
            }
            view.set(n, t1 - t0);
            return view;
        } finally {
            io.release(ids);
            io.release(mask);
            io.release(pos);
            io.release(fullLogits);
        }
    }

    /**
     * A decode step of {@code n} rows on the graph of width {@code n}: ids and the changed part of the mask go
     * to their fixed device buffers, ORT replays (or, the first times for this width, runs and captures), and
     * the logits come back.
     */
    private StepLogits fixedIoStep(List<RowInput> rows) {
        int n = rows.size();
        int maskBytes = OrtIoSession.elementBytes(maskType);
        int idsBytes = OrtIoSession.elementBytes(idsType);
        long maskRowBytes = (long) shape.maxLength() * maskBytes;
        int band = 0;
        for (int i = 0; i < n; i++) {
            RowInput r = rows.get(i);
            putIndex(idsHost, idsType, i, r.tokens()[r.offset()]);
            putIndex(positionsHost, idsType, i, r.pastLength());
            int len = r.totalLength();
            long row = i * (maskRowBytes / maskBytes);
            for (int j = Math.min(len, maskRowLength[i]); j < Math.max(len, maskRowLength[i]); j++) {
                putIndex(maskRows, maskType, row + j, j < len ? 1 : 0);
            }
            maskRowLength[i] = len;
            band = Math.max(band, Math.max(len, deviceMaskExtent[i]));
        }
        // Columns past every row's extent are already zero on the device: only the band crosses the bus.
        memory.copy2d(maskDevice, maskRowBytes, maskRows.address(), maskRowBytes, (long) band * maskBytes, n);
        long idsLength = (long) n * idsBytes;
        memory.copy2d(idsDevice, idsLength, idsHost.address(), idsLength, idsLength, 1);
        long in = (long) n * idsBytes + (long) n * band * maskBytes;
        if (positions) {
            memory.copy2d(positionsDevice, idsLength, positionsHost.address(), idsLength, idsLength, 1);
            in += (long) n * idsBytes;
        }
        for (int i = 0; i < n; i++) {
            deviceMaskExtent[i] = maskRowLength[i];
        }
        OrtIoSession.RunOptions run = graphRuns[n - 1];
        if (run == null) {
            run = sessionFor(n).runOptions(n);
            graphRuns[n - 1] = run;
        }
        OrtIoSession.Binding b = binding(false, n - 1);
        if (sessionFor(n) == wide) {
            wideSteps++;
        }
        long t0 = System.nanoTime();
        b.run(run);
        memory.synchronize();
        long t1 = System.nanoTime();
        long rowBytes = (long) shape.vocabSize() * OrtIoSession.elementBytes(logitsType);
        memory.copy2d(logitsHost.address(), n * rowBytes, logitsDevice, n * rowBytes, n * rowBytes, 1);
        transfers.add(false, io.onCuda() ? in : 0, io.onCuda() ? n * rowBytes : 0);
        view.set(n, t1 - t0);
        return view;
    }

    /** Decode steps that ran on the second session so far. */
    long wideSteps() {
        return wideSteps;
    }

    /** True while decode steps go through the fixed device buffers (the CUDA graph path). */
    boolean decodesThroughFixedBuffers() {
        return fixedIo;
    }

    /** Back to eager decode steps: decode bindings are rebuilt over host ids, mask and logits. */
    private void dropGraphs() {
        fixedIo = false;
        for (int i = 0; i < decodeBindings.length; i++) {
            if (decodeBindings[i] != null) {
                decodeBindings[i].close();
                decodeBindings[i] = null;
            }
        }
    }

    private static void putIndex(MemorySegment host, int type, long index, long value) {
        if (type == OrtApi.TYPE_INT64) {
            host.setAtIndex(ValueLayout.JAVA_LONG, index, value);
        } else {
            host.setAtIndex(ValueLayout.JAVA_INT, index, (int) value);
        }
    }

    @Override
    public void moveSlot(int from, int to, int length) {
        if (from == to || length == 0) {
            return;
        }
        checkSlots(from, to, length);
        long live = (long) length * shape.headDim() * OrtIoSession.elementBytes(kvType);
        memory.synchronize();
        for (int l = 0; l < shape.layers(); l++) {
            for (long base : new long[] {keys[l], values[l]}) {
                memory.copy2d(base + to * slotBytes, headBytes, base + from * slotBytes, headBytes, live,
                        shape.kvHeads());
            }
        }
        memory.synchronize();
    }

    @Override
    public void swapSlots(int a, int b, int length) {
        if (a == b || length == 0) {
            return;
        }
        checkSlots(a, b, length);
        if (swapTemp == 0) {
            swapTemp = memory.allocateCache(slotBytes);
        }
        long live = (long) length * shape.headDim() * OrtIoSession.elementBytes(kvType);
        memory.synchronize();
        for (int l = 0; l < shape.layers(); l++) {
            for (long base : new long[] {keys[l], values[l]}) {
                long pa = base + a * slotBytes;
                long pb = base + b * slotBytes;
                memory.copy2d(swapTemp, headBytes, pa, headBytes, live, shape.kvHeads());
                memory.copy2d(pa, headBytes, pb, headBytes, live, shape.kvHeads());
                memory.copy2d(pb, headBytes, swapTemp, headBytes, live, shape.kvHeads());
            }
        }
        memory.synchronize();
    }

    private void checkSlots(int a, int b, int length) {
        if (a < 0 || b < 0 || a >= shape.maxBatch() || b >= shape.maxBatch() || length < 0
                || length > shape.maxLength()) {
            throw new IllegalArgumentException("bad slot copy " + a + " / " + b + " of " + length);
        }
    }

    @Override
    public void close() {
        for (OrtIoSession.Binding[] bs : new OrtIoSession.Binding[][] {decodeBindings, prefillBindings}) {
            if (bs != null) {
                for (OrtIoSession.Binding b : bs) {
                    if (b != null) {
                        b.close();
                    }
                }
            }
        }
        for (MemorySegment[][] ts : new MemorySegment[][][] {prefixKeys, prefixValues}) {
            for (MemorySegment[] row : ts) {
                for (MemorySegment t : row) {
                    io.release(t);
                }
            }
        }
        for (MemorySegment[][] ts : new MemorySegment[][][] {slotKeys, slotValues}) {
            for (int slot = 1; slot < ts.length; slot++) {
                for (MemorySegment t : ts[slot]) {
                    io.release(t);
                }
            }
        }
        for (MemorySegment t : logitsTensors) {
            io.release(t);
        }
        deviceTensors.forEach(io::release);
        eagerRun.close();
        if (wideEagerRun != null) {
            wideEagerRun.close();
        }
        for (OrtIoSession.RunOptions r : graphRuns) {
            if (r != null) {
                r.close();
            }
        }
        if (transfers.decodeSteps() > 0 || transfers.prefillSteps() > 0) {
            LOG.info(() -> describe() + " transfers: " + transfers);
        }
        memory.close();
        if (wide != null) {
            wide.close();
        }
        io.close();
    }

    /** View over the host logits of the last step. */
    private final class Logits implements StepLogits {
        private final LogitsRows host = new LogitsRows(logitsHost, logitsType == OrtApi.TYPE_FLOAT
                ? LogitsRows.Precision.FP32 : logitsType == OrtApi.TYPE_BFLOAT16 ? LogitsRows.Precision.BF16
                : LogitsRows.Precision.FP16, shape.vocabSize());
        private int rows;
        private long nanos;
        private int[] argmaxes = new int[0];
        private int argmaxLimit = -1;

        void set(int rows, long nanos) {
            this.rows = rows;
            this.nanos = nanos;
            this.argmaxLimit = -1;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public int vocabSize() {
            return shape.vocabSize();
        }

        @Override
        public void copyRow(int row, float[] dst) {
            if (row < 0 || row >= rows) {
                throw new IndexOutOfBoundsException(row);
            }
            host.copyRow(row, dst);
        }

        /**
         * All rows' argmaxes are computed together, in parallel, at the first call of a step: at 64 rows of
         * 151,936 logits a serial scan would add milliseconds to every decode step.
         */
        @Override
        public int argmax(int row, int limit) {
            if (row < 0 || row >= rows) {
                throw new IndexOutOfBoundsException(row);
            }
            if (argmaxLimit != limit) {
                if (argmaxes.length < rows) {
                    argmaxes = new int[shape.maxBatch()];
                }
                int[] out = argmaxes;
                if (rows > 2) {
                    IntStream.range(0, rows).parallel().forEach(r -> out[r] = host.argmax(r, limit));
                } else {
                    for (int r = 0; r < rows; r++) {
                        out[r] = host.argmax(r, limit);
                    }
                }
                argmaxLimit = limit;
            }
            return argmaxes[row];
        }

        @Override
        public long runNanos() {
            return nanos;
        }
    }
}
