package org.medgo.inference.cli;

import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.sampling.SamplingParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code medgo bench}: time to first token, decode tokens/s, and the engine's overhead over the
 * runtime (scheduler busy time / time inside ORT's run calls) for a bundle, prompt length and batch.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure TTFT, decode tokens/s and engine time / ONNX Runtime run time.")
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--prompt-tokens", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int promptTokens;

    @Option(names = "--new-tokens", defaultValue = "128", description = "default: ${DEFAULT-VALUE}")
    int newTokens;

    @Option(names = "--batch-size", defaultValue = "1", description = "concurrent requests (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--runs", defaultValue = "3", description = "measured runs after one warm-up (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (org.medgo.inference.bundle.BundleException | IllegalArgumentException | java.io.IOException e) {
            // Operator errors: one line, no stack trace.
            System.err.println("medgo bench: " + e.getMessage());
            return 2;
        }
    }

    private Integer run() throws Exception {
        if (promptTokens < 1 || newTokens < 1 || batchSize < 1 || runs < 1) {
            throw new IllegalArgumentException("--prompt-tokens, --new-tokens, --batch-size and --runs must be positive");
        }
        try (InferenceEngine engine = InferenceEngine.open(model.bundle(),
                model.backend(batchSize, promptTokens + newTokens + 1), model.factory())) {
            int[] prompt = promptOf(engine, promptTokens);
            System.out.printf("model %s (%s), backend %s%n", engine.bundle().dir(), engine.bundle().demo() ? "DEMO" : "bundle",
                    engine.backendDescription());
            System.out.printf("prompt %d tokens, %d new tokens, batch %d, %d runs%n", promptTokens, newTokens, batchSize, runs);
            runOnce(engine, prompt, 0); // warm-up: first runs pay for allocation and kernel selection
            List<double[]> rows = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                rows.add(runOnce(engine, prompt, r));
            }
            double ttft = rows.stream().mapToDouble(x -> x[0]).average().orElseThrow();
            double tps = rows.stream().mapToDouble(x -> x[1]).average().orElseThrow();
            double ratio = rows.stream().mapToDouble(x -> x[2]).average().orElseThrow();
            double perStep = rows.stream().mapToDouble(x -> x[3]).average().orElseThrow();
            System.out.printf("TTFT %.1f ms | decode %.1f tokens/s (aggregate over %d) | engine/ORT run time %.3f"
                    + " | overhead %.3f ms per step%n", ttft, tps, batchSize, ratio, perStep);
        }
        return 0;
    }

    /** Returns {ttft ms, decode tokens/s, engine/ORT ratio, overhead ms per step}. */
    private double[] runOnce(InferenceEngine engine, int[] prompt, int run) throws InterruptedException {
        SamplingParams sampling = temperature == 0 ? SamplingParams.greedy()
                : new SamplingParams(temperature, 0, 1, 0, 1, 0, 0, (long) run);
        InferenceEngine.EngineStats before = engine.stats();
        long start = System.nanoTime();
        List<GenerationHandle> handles = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            handles.add(engine.submit(GenerationRequest.of(new Prompt.Tokens(prompt), sampling, newTokens)
                    .withIgnoreEos(true), TokenListener.NONE));
        }
        long firstFirst = Long.MAX_VALUE;
        long decodeTokens = 0;
        double ttftSum = 0;
        long end = 0;
        for (GenerationHandle h : handles) {
            GenerationResult r = h.await();
            ttftSum += r.firstTokenNanos() / 1e6;
            firstFirst = Math.min(firstFirst, r.firstTokenNanos());
            end = Math.max(end, r.elapsedNanos());
            decodeTokens += r.completionTokens() - 1;
        }
        InferenceEngine.EngineStats used = engine.stats().minus(before);
        // Decode window: from the first token of any request to the last token of all (requests start together).
        double decodeSecs = Math.max(1e-9, (end - firstFirst) / 1e9);
        double tps = decodeTokens / decodeSecs;
        double overheadMs = (used.busyNanos() - used.runtimeNanos()) / 1e6 / Math.max(1, used.steps());
        double[] row = {ttftSum / batchSize, tps, used.overheadRatio(), overheadMs};
        if (run > 0) {
            System.out.printf("run %d: TTFT %.1f ms, decode %.1f tokens/s, engine/ORT %.3f, %d steps, wall %.1f ms%n", run,
                    row[0], row[1], row[2], used.steps(), (System.nanoTime() - start) / 1e6);
        }
        return row;
    }

    /** A deterministic prompt of exactly n tokens (clinical text, repeated). */
    static int[] promptOf(InferenceEngine engine, int n) {
        int[] unit = engine.tokenizer().encode("Patient is a 67-year-old with fever, cough and dyspnea for three days. "
                + "患者发热三天，伴咳嗽。");
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = unit[i % unit.length];
        }
        return Arrays.copyOf(out, n);
    }
}
