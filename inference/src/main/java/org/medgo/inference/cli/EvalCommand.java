package org.medgo.inference.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.medgo.inference.eval.Answerer;
import org.medgo.inference.eval.EndpointAnswerer;
import org.medgo.inference.eval.EvalData;
import org.medgo.inference.eval.EvalItem;
import org.medgo.inference.eval.EvalReport;
import org.medgo.inference.eval.EvalRunner;
import org.medgo.inference.eval.LocalAnswerer;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.remote.OpenAiEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./medgo eval}: accuracy of the model (local or behind an OpenAI-compatible endpoint) on a benchmark file. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Medical benchmark accuracy (95% CI, per subject) of the local model or any OpenAI-compatible endpoint.")
public final class EvalCommand implements Callable<Integer> {

    enum Task { mcq, pubmedqa }

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--task", required = true, description = "mcq (MedQA/MedMCQA/MMLU-Pro JSONL) or pubmedqa (ori_pqal.json)")
    Task task;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "the benchmark file")
    Path data;

    @Option(names = "--endpoint", paramLabel = "URL", description = "evaluate an OpenAI-compatible server (e.g. http://vllm:8000/v1) instead of --model")
    URI endpoint;

    @Option(names = "--served-model", description = "with --endpoint: the model name (default: the first of GET /models)")
    String servedModel;

    @Option(names = "--api-key-env", defaultValue = "OPENAI_API_KEY", description = "with --endpoint: environment variable holding the bearer token (default: ${DEFAULT-VALUE})")
    String apiKeyEnv;

    @Option(names = "--think", negatable = true, defaultValue = "false", description = "let the model think first (default: --no-think, the local answer is then constrained to the options)")
    boolean think;

    @Option(names = "--limit", defaultValue = "0", description = "score at most N items (0 = all)")
    int limit;

    @Option(names = "--shots", defaultValue = "0", description = "the first K items become solved examples (not scored)")
    int shots;

    @Option(names = "--max-new-tokens", defaultValue = "2048", description = "answer budget when thinking or remote (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--concurrency", defaultValue = "8", description = "items in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--json", paramLabel = "FILE", description = "write the full results (per item) as JSON here")
    Path json;

    @Override
    public Integer call() throws Exception {
        List<EvalItem> items = task == Task.mcq ? EvalData.multipleChoice(data) : EvalData.pubmedQa(data);
        try (Answerer answerer = answerer()) {
            EvalReport report = new EvalRunner(answerer, concurrency, System.err, System.console() != null)
                    .run(task == Task.mcq ? data.getFileName().toString() : "PubMedQA", items, shots, limit);
            if (json != null) {
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report.toJson(new ObjectMapper()));
            }
            System.out.print(report.toMarkdown());
            return 0;
        }
    }

    private Answerer answerer() throws Exception {
        if (endpoint != null) {
            OpenAiEndpoint e = new OpenAiEndpoint(endpoint, System.getenv(apiKeyEnv), Duration.ofMinutes(10));
            return new EndpointAnswerer(e, servedModel != null ? servedModel : e.firstModel(), think, maxNewTokens);
        }
        InferenceEngine engine = InferenceEngine.open(model.bundle(), model.backend(Math.max(1, concurrency), 0), model.factory());
        return new LocalAnswerer(engine, think, maxNewTokens);
    }

}
