package org.medgo.inference.gpu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.runtime.Readout;
import org.medgo.inference.sampling.SamplingParams;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bundle exported with {@code --device-selection 64} (ArgMax and TopK as graph outputs) decodes, through the
 * decode path CUDA graphs replay, the same tokens as the Java-API backend reading full logits: greedy rows read only
 * the argmax id, top-k sampling rows only the k values and ids, and constrained or penalised rows keep their full
 * logits, in one batch. Runs on the CPU provider; the exporter needs a Python with onnx (skipped without, like
 * ExporterTest).
 */
class DeviceSelectionDecodeTest {

    private static final Path ROOT = Files.isDirectory(Path.of("export")) ? Path.of(".") : Path.of("inference");
    private static final BackendOptions OPTIONS = BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(4)
            .withMaxLength(96).withPrefillChunk(16).withThreads(1);
    private static final String SCHEMA = """
            {"type": "object", "properties": {"dx": {"type": "string", "maxLength": 12}}, "required": ["dx"]}""";

    @TempDir
    static Path tmp;
    private static ModelBundle bundle;

    @BeforeAll
    static void exportWithSelection() throws Exception {
        String python = null;
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            if (run(List.of(candidate, "-c", "import onnx, numpy")).isEmpty()) {
                python = candidate;
                break;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(python != null, "no python3 with onnx and numpy");
        Path out = tmp.resolve("selection");
        String err = run(List.of(python, ROOT.resolve("export/medgo_export.py").toString(), "--preset", "demo",
                "--random", "--seed", "20261125", "--dtype", "fp16", "--embed-fp16", "--device-selection", "64",
                "--tokenizer", ROOT.resolve("demo-model").toString(), "--out", out.toString()));
        assertThat(err).as("exporter").isEmpty();
        bundle = ModelBundle.open(out);
    }

    @Test
    void greedyRowsReadOnlyTheArgmaxAndDecodeTheSameTokens() throws Exception {
        IoBindingBackend[] opened = new IoBindingBackend[1];
        List<int[]> device = generate(gpuPaths(opened), i -> SamplingParams.greedy(), false);
        List<int[]> host = generate(OrtJavaBackend.FACTORY, i -> SamplingParams.greedy(), false);
        assertThat(opened[0].selection().topK()).isEqualTo(64);
        assertThat(opened[0].rowsRead(Readout.ARGMAX)).isPositive();
        assertThat(opened[0].rowsRead(Readout.LOGITS)).isZero();
        assertSame(device, host);
    }

    @Test
    void topKSamplingRowsReadKCandidatesAndDrawTheSameTokens() throws Exception {
        IoBindingBackend[] opened = new IoBindingBackend[1];
        IntFunction<SamplingParams> qwen = i -> SamplingParams.qwen3Default(100L + i); // top-k 20, top-p 0.95
        List<int[]> device = generate(gpuPaths(opened), qwen, false);
        List<int[]> host = generate(OrtJavaBackend.FACTORY, qwen, false);
        assertThat(opened[0].rowsRead(Readout.TOP_K)).isPositive();
        assertThat(opened[0].rowsRead(Readout.LOGITS)).isZero();
        assertSame(device, host);
    }

    @Test
    void greedySampledPenalisedAndConstrainedRowsShareABatch() throws Exception {
        IntFunction<SamplingParams> mixed = i -> switch (i % 3) {
            case 0 -> SamplingParams.greedy();
            case 1 -> SamplingParams.qwen3Default(7L + i);
            default -> new SamplingParams(0.8, 40, 1.0, 0.0, 1.3, 0.0, 0.0, 11L + i); // penalties: full logits
        };
        IoBindingBackend[] opened = new IoBindingBackend[1];
        List<int[]> device = generate(gpuPaths(opened), mixed, true);
        List<int[]> host = generate(OrtJavaBackend.FACTORY, mixed, true);
        for (Readout r : Readout.values()) {
            assertThat(opened[0].rowsRead(r)).as(r.name()).isPositive();
        }
        assertSame(device, host);
    }

    private static BackendFactory gpuPaths(IoBindingBackend[] opened) {
        return (b, o) -> opened[0] = IoBindingBackend.withGpuPathsOnCpu(b, o);
    }

    private static void assertSame(List<int[]> device, List<int[]> host) {
        for (int i = 0; i < device.size(); i++) {
            assertThat(device.get(i)).as("request " + i).isNotEmpty().containsExactly(host.get(i));
        }
    }

    private static final int[] NEW_TOKENS = {24, 7, 15, 30, 9, 12, 18};
    private static final int[] PROMPTS = {40, 12, 33, 5, 21, 8, 17};

    /** Requests of different lengths, so batch widths change; with {@code schemaOnLast} the last is constrained. */
    private static List<int[]> generate(BackendFactory factory, IntFunction<SamplingParams> sampling,
                                        boolean schemaOnLast) throws Exception {
        Random rnd = new Random(5);
        try (InferenceEngine engine = InferenceEngine.open(bundle, OPTIONS, factory)) {
            List<GenerationHandle> handles = new ArrayList<>();
            for (int i = 0; i < PROMPTS.length; i++) {
                int[] prompt = rnd.ints(PROMPTS[i], 0, 151_000).toArray();
                GenerationRequest request = GenerationRequest.of(new Prompt.Tokens(prompt), sampling.apply(i),
                        NEW_TOKENS[i]).withIgnoreEos(true);
                if (schemaOnLast && i == PROMPTS.length - 1) {
                    request = GenerationRequest.of(new Prompt.Tokens(prompt), SamplingParams.greedy(), 40)
                            .withJsonSchema(SCHEMA);
                }
                handles.add(engine.submit(request, TokenListener.NONE));
            }
            List<int[]> out = new ArrayList<>();
            for (GenerationHandle h : handles) {
                out.add(h.await().tokenIds());
            }
            return out;
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return "timed out: " + output;
            }
            return p.exitValue() == 0 ? "" : output;
        } catch (java.io.IOException | InterruptedException e) {
            return e.toString();
        }
    }
}
