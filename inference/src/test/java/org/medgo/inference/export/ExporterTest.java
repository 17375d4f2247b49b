package org.medgo.inference.export;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.sampling.SamplingParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python exporter (inference/export) writes bundles the Java engine runs: the committed demo bundle is
 * exactly what the exporter produces, and fp32 / fp16 / int4 exports of one shape all decode.
 */
class ExporterTest {

    private static final Path ROOT = Files.isDirectory(Path.of("export")) ? Path.of(".") : Path.of("inference");
    private static final String PYTHON = "/usr/bin/python3";
    private static final int[] PROMPT = {151644, 872, 198, 104307, 3837, 100000, 151645, 198, 151644, 77091, 198};

    @TempDir
    static Path tmp;

    @BeforeAll
    static void needsPythonWithOnnx() throws Exception {
        boolean ok = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import onnx, numpy")).isEmpty();
        if (!ok) {
            if ("1".equals(System.getenv("MEDGO_REQUIRE_PYTHON"))) {
                throw new AssertionError(PYTHON + " lacks onnx/numpy: apt-get install python3-onnx python3-numpy");
            }
            org.junit.jupiter.api.Assumptions.abort(PYTHON + " lacks onnx/numpy (apt-get install python3-onnx python3-numpy)");
        }
    }

    @Test
    void reExportingTheDemoReproducesTheCommittedBundle() throws Exception {
        Path out = tmp.resolve("demo");
        export(out, "--preset", "demo", "--random", "--seed", "20261125", "--dtype", "fp32", "--embed-fp16");
        assertThat(Files.readAllBytes(out.resolve("model.onnx")))
                .isEqualTo(Files.readAllBytes(ROOT.resolve("demo-model/model.onnx")));
        assertThat(Files.readString(out.resolve("genai_config.json")))
                .isEqualTo(Files.readString(ROOT.resolve("demo-model/genai_config.json")));
    }

    @Test
    void everyDtypePassesTheOnnxCheckerAndMatchesItsGenaiConfig() throws Exception {
        // fp32 / fp16 / bf16 / int4 (blocks 32 and 128) / external data: onnx.checker, shape inference,
        // genai_config IO names == graph IO names, logits [batch, 1, vocab] (inference/export/tests)
        String out = run(List.of(PYTHON, "-B", "-m", "unittest", "discover", "-s", ROOT.resolve("export/tests").toString()));
        assertThat(out).as("python structural tests").isEmpty();
    }

    @Test
    void fp32Fp16AndInt4ExportsOfOneShapeAllDecode() throws Exception {
        Path config = tmp.resolve("small.json");
        Files.writeString(config, """
                {"vocab_size": 151936, "hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 16, "rms_norm_eps": 1e-6,
                 "rope_theta": 1000000.0, "max_position_embeddings": 512, "tie_word_embeddings": true,
                 "bos_token_id": 151643, "eos_token_id": 151645}
                """);
        List<Integer> fp32 = decode(exportSmall(config, "fp32"));
        List<Integer> fp16 = decode(exportSmall(config, "fp16"));
        List<Integer> int4 = decode(exportSmall(config, "fp32", "--int4", "32"));
        assertThat(fp32).hasSize(8);
        // same weights rounded to fp16: random-weight logits have clear winners, so the first tokens agree
        assertThat(fp16.subList(0, 3)).isEqualTo(fp32.subList(0, 3));
        assertThat(int4).hasSize(8);
        assertThat(decode(exportSmall(config, "fp32", "--int4", "32"))).as("int4 export is deterministic").isEqualTo(int4);
        // one product over concatenated weights computes what the separate ones do
        assertThat(decode(exportSmall(config, "fp32", "--fuse-projections"))).as("fused fp32").isEqualTo(fp32);
        assertThat(decode(exportSmall(config, "fp32", "--int4", "32", "--fuse-projections"))).as("fused int4")
                .isEqualTo(int4);
    }

    private static Path exportSmall(Path config, String dtype, String... extra) throws Exception {
        Path out = Files.createTempDirectory(tmp, "small-" + dtype);
        List<String> args = new ArrayList<>(List.of("--config", config.toString(), "--random", "--seed", "3",
                "--dtype", dtype));
        args.addAll(List.of(extra));
        export(out, args.toArray(String[]::new));
        return out;
    }

    private static List<Integer> decode(Path bundle) throws Exception {
        try (InferenceEngine engine = InferenceEngine.open(ModelBundle.open(bundle), BackendOptions.defaults(),
                OrtJavaBackend.FACTORY)) {
            GenerationResult r = engine.generate(GenerationRequest.of(new Prompt.Tokens(PROMPT), SamplingParams.greedy(), 8)
                    .withIgnoreEos(true));
            return java.util.Arrays.stream(r.tokenIds()).boxed().toList();
        }
    }

    private static void export(Path out, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, ROOT.resolve("export/medgo_export.py").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--tokenizer", ROOT.resolve("demo-model").toString(), "--out", out.toString()));
        String err = run(cmd);
        assertThat(err).as("exporter failed").isEmpty();
    }

    /** Runs a command; returns "" on success, else its output. */
    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "timed out: " + output;
        }
        return p.exitValue() == 0 ? "" : output;
    }
}
