package org.medgo.inference.ortjava;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import org.medgo.inference.bundle.BundleException;
import org.medgo.inference.bundle.GenaiConfig;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.BackendException;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.runtime.GraphTensor;
import org.medgo.inference.runtime.HostLogits;
import org.medgo.inference.runtime.KvSlotMover;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;
import org.medgo.inference.runtime.StepPlan;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@link DecoderBackend} on ONNX Runtime's Java API. The KV cache lives in direct buffers on the Java
 * side; tensors over views of them are made once and passed as both past inputs and pinned present
 * outputs, so the cache is written in place by GroupQueryAttention and never copied per token.
 *
 * <p>With the CUDA provider this still works, but the cache crosses PCIe every step (the Java API has
 * no device tensors); the IoBinding backend in {@code org.medgo.inference.gpu} fixes that.
 */
public final class OrtJavaBackend implements DecoderBackend {

    private static final Logger LOG = Logger.getLogger(OrtJavaBackend.class.getName());

    /** Opens bundles with this backend. */
    public static final BackendFactory FACTORY = OrtJavaBackend::new;

    private final OrtEnvironment env;
    private final OrtSession session;
    private final GenaiConfig config;
    private final DecoderShape shape;
    private final String device;
    private final OnnxJavaType kvType;
    private final OnnxJavaType logitsType;
    private final boolean logitsLastOnly;
    private final KvSlotMover slots;
    private final ByteBuffer[] keys;
    private final ByteBuffer[] values;
    /** [n-1][layer]: tensors over slots 0..n-1, for decode steps. */
    private final OnnxTensor[][] prefixKeys;
    private final OnnxTensor[][] prefixValues;
    /** [slot][layer]: tensors over one slot, for prefill chunks. */
    private final OnnxTensor[][] slotKeys;
    private final OnnxTensor[][] slotValues;
    private final ByteBuffer logitsBuffer;
    private final OnnxTensor[] pinnedLogits;
    private final OnnxTensor[] decodeIds;
    private final LongBuffer idsBuffer;
    private final LongBuffer maskBuffer;
    private final LongBuffer positionBuffer;
    private HostLogits view;
    private ByteBuffer swapTemp;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Map<String, OnnxTensor> pinned = new HashMap<>();
    private final String[] pastKeyNames;
    private final String[] pastValueNames;
    private final String[] presentKeyNames;
    private final String[] presentValueNames;
    private int boundCacheKey = Integer.MIN_VALUE;

    private OrtJavaBackend(ModelBundle bundle, BackendOptions options) {
        this.config = bundle.config();
        this.env = OrtEnvironment.getEnvironment();
        int maxLength = options.maxLength() == 0 ? config.contextLength()
                : Math.min(options.maxLength(), config.contextLength());
        String chosen;
        OrtSession s;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (options.threads() > 0) {
                so.setIntraOpNumThreads(options.threads());
            }
            chosen = addProvider(so, options);
            s = env.createSession(bundle.modelFile().toString(), so);
        } catch (OrtException e) {
            throw new BundleException("ONNX Runtime cannot load " + bundle.modelFile() + ": " + e.getMessage(), e);
        }
        this.session = s;
        this.device = chosen;
        try {
            DecoderGraph facts = DecoderGraph.check(declared(session.getInputInfo()),
                    declared(session.getOutputInfo()), config);
            if (facts.idsType() != ElementType.INT64 || facts.maskType() != ElementType.INT64) {
                throw new BundleException("the ORT Java backend needs int64 ids and mask; the graph has "
                        + facts.idsType() + " / " + facts.maskType() + " (the IoBinding backend takes int32 too)");
            }
            this.kvType = javaType(facts.kvType());
            this.logitsType = javaType(facts.logitsType());
            this.logitsLastOnly = facts.logitsLastOnly();
            this.shape = new DecoderShape(config.layers(), config.kvHeads(), config.headSize(), facts.vocab(),
                    options.maxBatch(), maxLength, Math.min(options.prefillChunk(), maxLength));
            int layers = shape.layers();
            pastKeyNames = new String[layers];
            pastValueNames = new String[layers];
            presentKeyNames = new String[layers];
            presentValueNames = new String[layers];
            for (int l = 0; l < layers; l++) {
                pastKeyNames[l] = config.pastKey(l);
                pastValueNames[l] = config.pastValue(l);
                presentKeyNames[l] = config.presentKey(l);
                presentValueNames[l] = config.presentValue(l);
            }
            slots = new KvSlotMover(shape, kvType.size, this::copyRows);
            long bufferBytes = slots.bufferBytes();
            if (bufferBytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("KV cache of " + bufferBytes + " bytes per layer is over the"
                        + " Java backend's 2 GiB buffer limit: lower maxBatch or maxLength");
            }
            keys = new ByteBuffer[layers];
            values = new ByteBuffer[layers];
            prefixKeys = new OnnxTensor[shape.maxBatch()][layers];
            prefixValues = new OnnxTensor[shape.maxBatch()][layers];
            slotKeys = new OnnxTensor[shape.maxBatch()][layers];
            slotValues = new OnnxTensor[shape.maxBatch()][layers];
            for (int l = 0; l < layers; l++) {
                keys[l] = ByteBuffer.allocateDirect((int) bufferBytes).order(ByteOrder.nativeOrder());
                values[l] = ByteBuffer.allocateDirect((int) bufferBytes).order(ByteOrder.nativeOrder());
                for (int n = 1; n <= shape.maxBatch(); n++) {
                    prefixKeys[n - 1][l] = kvTensor(keys[l], 0, n);
                    prefixValues[n - 1][l] = kvTensor(values[l], 0, n);
                }
                for (int slot = 0; slot < shape.maxBatch(); slot++) {
                    slotKeys[slot][l] = slot == 0 ? prefixKeys[0][l] : kvTensor(keys[l], slot, 1);
                    slotValues[slot][l] = slot == 0 ? prefixValues[0][l] : kvTensor(values[l], slot, 1);
                }
            }
            logitsBuffer = ByteBuffer.allocateDirect(shape.maxBatch() * shape.vocabSize() * logitsType.size)
                    .order(ByteOrder.nativeOrder());
            pinnedLogits = new OnnxTensor[shape.maxBatch()];
            for (int n = 1; n <= shape.maxBatch(); n++) {
                pinnedLogits[n - 1] = OnnxTensor.createTensor(env,
                        logitsBuffer.slice(0, n * shape.vocabSize() * logitsType.size).order(ByteOrder.nativeOrder()),
                        new long[] {n, 1, shape.vocabSize()}, logitsType);
            }
            int idsCap = Math.max(shape.prefillChunk(), shape.maxBatch());
            idsBuffer = ByteBuffer.allocateDirect(idsCap * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
            decodeIds = new OnnxTensor[shape.maxBatch()];
            for (int n = 1; n <= shape.maxBatch(); n++) {
                decodeIds[n - 1] = OnnxTensor.createTensor(env, idsBuffer.slice(0, n), new long[] {n, 1});
            }
            positionBuffer = ByteBuffer.allocateDirect(idsCap * 8).order(ByteOrder.nativeOrder()).asLongBuffer();
            view = new HostLogits(MemorySegment.ofBuffer(logitsBuffer), facts.logitsType(), shape.vocabSize(),
                    shape.maxBatch());
            maskBuffer = ByteBuffer.allocateDirect(shape.maxBatch() * maxLength * 8).order(ByteOrder.nativeOrder())
                    .asLongBuffer();
        } catch (OrtException e) {
            close();
            throw new BackendException("cannot prepare KV cache tensors: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info(() -> "decoder on " + device + ": " + shape + ", kv " + kvType);
    }

    private OnnxTensor kvTensor(ByteBuffer buffer, int firstSlot, int count) throws OrtException {
        long slotBytes = slots.slotBytes();
        ByteBuffer part = buffer.slice((int) (firstSlot * slotBytes), (int) (count * slotBytes))
                .order(ByteOrder.nativeOrder());
        return OnnxTensor.createTensor(env, part,
                new long[] {count, shape.kvHeads(), shape.maxLength(), shape.headDim()}, kvType);
    }

    private static String addProvider(OrtSession.SessionOptions so, BackendOptions options) throws OrtException {
        if (options.device() == Device.CPU) {
            return "CPU";
        }
        try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(options.deviceId())) {
            if (options.gpuMemLimit() > 0) {
                cuda.add("gpu_mem_limit", Long.toString(options.gpuMemLimit()));
            }
            so.addCUDA(cuda);
            return "CUDA:" + options.deviceId();
        } catch (OrtException | UnsatisfiedLinkError e) {
            if (options.device() == Device.CUDA) {
                throw new BackendException("CUDA provider requested but not usable: " + e.getMessage(), e);
            }
            String why = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            LOG.info("CUDA provider not usable here (" + why + "); running on CPU");
            return "CPU";
        }
    }

    /** The graph's inputs or outputs as the shared contract reads them. */
    private static Map<String, GraphTensor> declared(Map<String, NodeInfo> nodes) {
        Map<String, GraphTensor> out = new HashMap<>();
        nodes.forEach((name, node) -> out.put(name, node.getInfo() instanceof TensorInfo t
                ? new GraphTensor(onnxCode(t.type), t.getShape()) : new GraphTensor(0, new long[0])));
        return out;
    }

    private static int onnxCode(OnnxJavaType t) {
        return switch (t) {
            case FLOAT -> ElementType.FLOAT.onnxCode();
            case FLOAT16 -> ElementType.FLOAT16.onnxCode();
            case BFLOAT16 -> ElementType.BFLOAT16.onnxCode();
            case INT32 -> ElementType.INT32.onnxCode();
            case INT64 -> ElementType.INT64.onnxCode();
            default -> 0;
        };
    }

    private static OnnxJavaType javaType(ElementType t) {
        return switch (t) {
            case FLOAT -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case BFLOAT16 -> OnnxJavaType.BFLOAT16;
            default -> throw new BundleException("unsupported KV cache or logits type " + t);
        };
    }

    @Override
    public DecoderShape shape() {
        return shape;
    }

    @Override
    public String describe() {
        return "onnxruntime-java " + device;
    }

    @Override
    public StepLogits step(List<RowInput> rows) {
        StepPlan plan = StepPlan.of(rows, shape);
        int n = plan.rows();
        int seq = plan.tokens();
        int total = plan.longest();
        boolean prefill = plan.prefill();
        for (int i = 0; i < n; i++) {
            RowInput r = rows.get(i);
            for (int t = 0; t < seq; t++) {
                idsBuffer.put(i * seq + t, r.tokens()[r.offset() + t]);
                positionBuffer.put(i * seq + t, r.pastLength() + t);
            }
            int base = i * total;
            int len = r.totalLength();
            for (int j = 0; j < len; j++) {
                maskBuffer.put(base + j, 1L);
            }
            for (int j = len; j < total; j++) {
                maskBuffer.put(base + j, 0L);
            }
        }
        OnnxTensor ids = null;
        OnnxTensor mask = null;
        OnnxTensor positions = null;
        try {
            if (seq == 1) {
                inputs.put(config.inputIds(), decodeIds[n - 1]); // made once per width: no per-token JNI allocation
            } else {
                ids = OnnxTensor.createTensor(env, idsBuffer.slice(0, n * seq), new long[] {n, seq});
                inputs.put(config.inputIds(), ids);
            }
            mask = OnnxTensor.createTensor(env, maskBuffer.slice(0, n * total), new long[] {n, total});
            inputs.put(config.attentionMask(), mask);
            if (config.positionIds() != null) {
                positions = OnnxTensor.createTensor(env, positionBuffer.slice(0, n * seq), new long[] {n, seq});
                inputs.put(config.positionIds(), positions);
            }
            int slot = rows.getFirst().slot();
            int cacheKey = prefill ? -1 - slot : n;
            if (cacheKey != boundCacheKey) { // decode steps of the same width reuse the same cache views
                for (int l = 0; l < shape.layers(); l++) {
                    OnnxTensor k = prefill ? slotKeys[slot][l] : prefixKeys[n - 1][l];
                    OnnxTensor v = prefill ? slotValues[slot][l] : prefixValues[n - 1][l];
                    inputs.put(pastKeyNames[l], k);
                    inputs.put(pastValueNames[l], v);
                    pinned.put(presentKeyNames[l], k);
                    pinned.put(presentValueNames[l], v);
                }
                boundCacheKey = cacheKey;
            }
            boolean pinLogits = logitsLastOnly || seq == 1;
            if (pinLogits) {
                pinned.put(config.logits(), pinnedLogits[n - 1]);
            } else {
                pinned.remove(config.logits());
            }
            long t0 = System.nanoTime();
            try (OrtSession.Result result = pinLogits ? session.run(inputs, Set.of(), pinned)
                    : session.run(inputs, Set.of(config.logits()), pinned)) {
                long t1 = System.nanoTime();
                if (!pinLogits) {
                    copyLastPosition((OnnxTensor) result.get(config.logits()).orElseThrow());
                }
                view.set(n, t1 - t0);
            }
            return view;
        } catch (OrtException e) {
            throw new BackendException("decoder run failed: " + e.getMessage(), e);
        } finally {
            if (ids != null) {
                ids.close();
            }
            if (mask != null) {
                mask.close();
            }
            if (positions != null) {
                positions.close();
            }
        }
    }

    /** For graphs that return logits for every position: keep the last one (prefill only, one row). */
    private void copyLastPosition(OnnxTensor all) {
        ByteBuffer src = all.getByteBuffer().order(ByteOrder.nativeOrder());
        long[] dims = all.getInfo().getShape();
        int positions = dims.length == 3 ? (int) dims[1] : 1;
        int rowBytes = shape.vocabSize() * logitsType.size;
        ByteBuffer last = src.slice((positions - 1) * rowBytes, rowBytes);
        logitsBuffer.put(0, last, 0, rowBytes);
    }

    @Override
    public void moveSlot(int from, int to, int length) {
        slots.move(from, to, length);
    }

    @Override
    public void swapSlots(int a, int b, int length) {
        slots.swap(a, b, length);
    }

    /** {@link KvSlotMover.Copier} over the direct buffers: buffer {@code 2l} is layer l's keys, {@code 2l+1} its values. */
    private void copyRows(int dst, long dstOffset, int src, long srcOffset, long width, long pitch, int rows) {
        if (swapTemp == null && (dst == KvSlotMover.SCRATCH || src == KvSlotMover.SCRATCH)) {
            swapTemp = ByteBuffer.allocateDirect((int) slots.slotBytes()).order(ByteOrder.nativeOrder());
        }
        ByteBuffer to = dst == KvSlotMover.SCRATCH ? swapTemp : (dst % 2 == 0 ? keys : values)[dst / 2];
        ByteBuffer from = src == KvSlotMover.SCRATCH ? swapTemp : (src % 2 == 0 ? keys : values)[src / 2];
        for (int r = 0; r < rows; r++) {
            to.put((int) (dstOffset + r * pitch), from, (int) (srcOffset + r * pitch), (int) width);
        }
    }

    @Override
    public void close() {
        closeAll(prefixKeys);
        closeAll(prefixValues);
        closeAll(slotKeys);
        closeAll(slotValues);
        for (OnnxTensor[] group : new OnnxTensor[][] {pinnedLogits, decodeIds}) {
            if (group == null) {
                continue;
            }
            for (OnnxTensor t : group) {
                if (t != null) {
                    t.close();
                }
            }
        }
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warning("closing session: " + e.getMessage());
        }
    }

    private static void closeAll(OnnxTensor[][] tensors) {
        if (tensors == null) {
            return;
        }
        for (OnnxTensor[] row : tensors) {
            for (OnnxTensor t : row) {
                if (t != null && !t.isClosed()) {
                    t.close();
                }
            }
        }
    }
}
