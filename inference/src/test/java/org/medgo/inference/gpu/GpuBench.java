package org.medgo.inference.gpu;

import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.sampling.SamplingParams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU benchmark of {@code inference/bench/}: one JVM, one model load per engine, several concurrency levels.
 * Greedy decoding with end-of-sequence ignored, so every request makes exactly the asked number of tokens.
 *
 * <pre>
 * java -cp ... org.medgo.inference.gpu.GpuBench MODEL_DIR BACKEND(iobinding|ort-java) DEVICE PROMPT NEW MAXLEN CHUNK N1,N2,... [graph|nograph] [INT4_GEMM_FROM]
 * </pre>
 *
 * Prints one line per concurrency level: TTFT (mean over requests), decode tokens/s (aggregate: generated
 * tokens after each request's first, over the window from the first first-token to the last token), the
 * engine's time over ORT's run time, bytes moved host to device and back per decode step, and a digest of the
 * generated tokens (greedy: runs that compute the same thing print the same digest).
 *
 * <p>{@code -Dmedgo.bench.modes=greedy,greedy-full,topk} (default {@code greedy}) runs each level once per mode, on
 * one loaded model: {@code greedy}; {@code greedy-full}, greedy with the graph's device-side token selection hidden
 * from the engine (every row reads its full logits: the "before" of the same bundle); {@code topk}, Qwen3's
 * sampling defaults (top-k 20, top-p 0.95, temperature 0.6; seed = request index); {@code topk-full}, the same with
 * the selection hidden (same tokens as {@code topk} expected).
 */
public final class GpuBench {

    private GpuBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 8 || args.length > 10 || (args.length > 8 && !args[8].matches("graph|nograph"))) {
            System.err.println("usage: GpuBench MODEL_DIR iobinding|ort-java cuda|cpu PROMPT NEW MAXLEN CHUNK N1,N2,..."
                    + " [graph|nograph] [INT4_GEMM_FROM]");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        String backend = args[1];
        String device = args[2];
        int prompt = Integer.parseInt(args[3]);
        int fresh = Integer.parseInt(args[4]);
        int maxLength = Integer.parseInt(args[5]);
        int chunk = Integer.parseInt(args[6]);
        List<Integer> levels = new ArrayList<>();
        for (String s : args[7].split(",")) {
            levels.add(Integer.parseInt(s.trim()));
        }
        int maxBatch = levels.stream().mapToInt(Integer::intValue).max().orElseThrow();
        DecoderBackend[] opened = new DecoderBackend[1];
        BackendFactory base = backend.equals("iobinding") ? IoBindingBackend.FACTORY : OrtJavaBackend.FACTORY;
        List<String> modes = List.of(System.getProperty("medgo.bench.modes", "greedy").split(","));
        SelectionSwitch selection = new SelectionSwitch();
        BackendFactory factory = (b, o) -> {
            opened[0] = base.open(b, o);
            selection.inner = opened[0];
            return selection;
        };
        boolean graph = args.length == 8 || args[8].equals("graph");
        int int4GemmFrom = args.length == 10 ? Integer.parseInt(args[9]) : 0;
        BackendOptions options = new BackendOptions(Device.parse(device), 0, 0, 0, maxBatch, maxLength, chunk, graph, int4GemmFrom);
        long t0 = System.nanoTime();
        try (InferenceEngine engine = InferenceEngine.open(ModelBundle.open(model), options, factory)) {
            System.out.printf("loaded %s in %.1f s: %s, maxBatch %d, maxLength %d, prefill chunk %d%n", model,
                    (System.nanoTime() - t0) / 1e9, engine.backendDescription(), maxBatch, maxLength, chunk);
            int[] tokens = promptOf(engine, prompt);
            // Every batch width once (ramp up to maxBatch and down), so CUDA graphs are captured before timing.
            run(engine, tokens, Math.min(fresh, maxBatch + 16), maxBatch, false, "warm-up");
            for (int n : levels) {
                for (String mode : modes) {
                    selection.hidden = mode.endsWith("-full");
                    TransferCounter before = opened[0] instanceof IoBindingBackend io ? io.transfers().snapshot()
                            : null;
                    run(engine, tokens, fresh, n, mode.startsWith("topk"), "bench " + mode);
                    if (before != null) {
                        System.out.println("  transfers: " + ((IoBindingBackend) opened[0]).transfers().minus(before));
                    }
                }
            }
        }
    }

    /** A deterministic prompt of exactly n tokens (clinical text, repeated), like {@code medgo bench}. */
    static int[] promptOf(InferenceEngine engine, int n) {
        int[] unit = engine.tokenizer().encode("Patient is a 67-year-old with fever, cough and dyspnea for three days. "
                + "患者发热三天，伴咳嗽。");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    private static void run(InferenceEngine engine, int[] prompt, int fresh, int n, boolean topK, String label)
            throws InterruptedException {
        InferenceEngine.EngineStats before = engine.stats();
        long start = System.nanoTime();
        List<GenerationHandle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SamplingParams sampling = topK ? SamplingParams.qwen3Default((long) i) : SamplingParams.greedy();
            handles.add(engine.submit(GenerationRequest.of(new Prompt.Tokens(prompt), sampling, fresh)
                    .withIgnoreEos(true), TokenListener.NONE));
        }
        long firstFirst = Long.MAX_VALUE;
        long lastEnd = 0;
        long decodeTokens = 0;
        long total = 0;
        int digest = 0;
        double ttft = 0;
        double ttftMax = 0;
        for (GenerationHandle h : handles) {
            GenerationResult r = h.await();
            ttft += r.firstTokenNanos() / 1e6;
            ttftMax = Math.max(ttftMax, r.firstTokenNanos() / 1e6);
            firstFirst = Math.min(firstFirst, r.firstTokenNanos());
            lastEnd = Math.max(lastEnd, r.elapsedNanos());
            decodeTokens += r.completionTokens() - 1;
            total += r.completionTokens();
            digest = 31 * digest + java.util.Arrays.hashCode(r.tokenIds());
        }
        double wall = (System.nanoTime() - start) / 1e9;
        InferenceEngine.EngineStats used = engine.stats().minus(before);
        double tps = decodeTokens / Math.max(1e-9, (lastEnd - firstFirst) / 1e9);
        System.out.printf("%s concurrency %d: prompt %d, new %d | TTFT mean %.1f ms max %.1f ms | decode %.1f tokens/s"
                        + " (aggregate) | end-to-end %.1f tokens/s | engine/ORT %.3f | %d steps, wall %.2f s | tokens %08x%n",
                label, n, prompt.length, fresh, ttft / n, ttftMax, tps, total / wall, used.overheadRatio(), used.steps(),
                wall, digest);
    }

    /** The backend as it is, except that while {@code hidden} the engine does not see its device-side selection. */
    private static final class SelectionSwitch implements DecoderBackend {
        private DecoderBackend inner;
        private volatile boolean hidden;

        @Override
        public org.medgo.inference.runtime.DeviceSelection selection() {
            return hidden ? org.medgo.inference.runtime.DeviceSelection.NONE : inner.selection();
        }

        @Override
        public org.medgo.inference.runtime.DecoderShape shape() {
            return inner.shape();
        }

        @Override
        public org.medgo.inference.runtime.StepLogits step(List<org.medgo.inference.runtime.RowInput> rows) {
            return inner.step(rows);
        }

        @Override
        public void moveSlot(int from, int to, int length) {
            inner.moveSlot(from, to, length);
        }

        @Override
        public void swapSlots(int a, int b, int length) {
            inner.swapSlots(a, b, length);
        }

        @Override
        public String describe() {
            return inner.describe();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
