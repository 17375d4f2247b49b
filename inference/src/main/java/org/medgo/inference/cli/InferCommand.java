package org.medgo.inference.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.constrained.JsonSchemaConstraint;
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

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * {@code medgo infer}: batch generation from JSONL. Each input line is {@code {"id", "messages":[...]}}
 * or {@code {"id", "prompt"}} (a prompt is one user turn); each output line, in input order, is
 * {@code {"id","text","reasoning","finish_reason","usage":{...}}}, or {@code {"id","error"}} for a line
 * that could not be served.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Batch inference: JSONL conversations in, JSONL completions out (input order).")
public final class InferCommand implements Callable<Integer> {

    static final int MAX_LINE_CHARS = 1 << 20;
    static final int MAX_MESSAGES = 256;

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "input JSONL")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "output JSONL")
    Path output;

    @Option(names = "--batch-size", defaultValue = "8", description = "requests in flight at once (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--max-new-tokens", defaultValue = "512", description = "default: ${DEFAULT-VALUE}")
    int maxNewTokens;

    @Option(names = "--temperature", defaultValue = "0.6", description = "0 = greedy (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-p", defaultValue = "0.95", description = "default: ${DEFAULT-VALUE}")
    double topP;

    @Option(names = "--top-k", defaultValue = "20", description = "0 = off (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--min-p", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    double minP;

    @Option(names = "--repetition-penalty", defaultValue = "1.0", description = "default: ${DEFAULT-VALUE}")
    double repetitionPenalty;

    @Option(names = "--presence-penalty", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    double presencePenalty;

    @Option(names = "--frequency-penalty", defaultValue = "0", description = "default: ${DEFAULT-VALUE}")
    double frequencyPenalty;

    @Option(names = "--seed", defaultValue = "0",
            description = "line i samples with seed+i, so reruns give the same output (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--think", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "let Qwen3 think before answering; --no-think turns it off (default: on)")
    boolean think;

    @Option(names = "--json-schema", paramLabel = "FILE", description = "force every output to match this JSON Schema")
    Path jsonSchema;

    @Option(names = "--stop", description = "stop string (repeatable)")
    List<String> stops = new ArrayList<>();

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Integer call() throws Exception {
        try {
            return run();
        } catch (org.medgo.inference.bundle.BundleException | IllegalArgumentException | java.io.IOException e) {
            // Operator errors: one line, no stack trace.
            System.err.println("medgo infer: " + e.getMessage());
            return 2;
        }
    }

    private Integer run() throws Exception {
        if (batchSize < 1 || batchSize > 256) {
            throw new IllegalArgumentException("--batch-size must be 1..256");
        }
        SamplingParams base = sampling(seed);
        String schema = jsonSchema == null ? null : Files.readString(jsonSchema);
        if (schema != null) {
            JsonSchemaConstraint.validateSchema(schema);
        }
        try (InferenceEngine engine = InferenceEngine.open(model.bundle(), model.backend(batchSize, 0), model.factory());
             BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            long total;
            try (var lines = Files.lines(input, StandardCharsets.UTF_8)) {
                total = lines.filter(l -> !l.isBlank()).count();
            }
            Progress progress = Progress.onTerminal(System.err, total);
            Semaphore inFlight = new Semaphore(batchSize);
            List<CompletableFuture<String>> results = new ArrayList<>();
            String line;
            int lineNo = 0;
            int written = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                inFlight.acquire();
                results.add(submit(engine, line, lineNo, base.seed() + lineNo - 1, schema, inFlight));
                written = drain(results, written, out, progress, false);
            }
            drain(results, written, out, progress, true);
            progress.done();
        }
        return 0;
    }

    private SamplingParams sampling(long s) {
        return new SamplingParams(temperature, topK, topP, minP, repetitionPenalty, presencePenalty, frequencyPenalty, s);
    }

    /** Writes finished results in input order; with {@code all}, waits for every one. */
    private static int drain(List<CompletableFuture<String>> results, int written, BufferedWriter out, Progress progress,
                             boolean all) throws IOException {
        while (written < results.size() && (all || results.get(written).isDone())) {
            out.write(results.get(written).join());
            out.newLine();
            results.set(written, null);
            written++;
            progress.update(written);
        }
        out.flush();
        return written;
    }

    private CompletableFuture<String> submit(InferenceEngine engine, String line, int lineNo, long lineSeed,
                                             String schema, Semaphore inFlight) {
        JsonNode id = NullNode.instance;
        try {
            if (line.length() > MAX_LINE_CHARS) {
                throw new IllegalArgumentException("line is over " + MAX_LINE_CHARS + " characters");
            }
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("line is not a JSON object");
            }
            id = node.has("id") ? node.get("id") : NullNode.instance;
            Prompt prompt = prompt(node);
            GenerationRequest request = new GenerationRequest(prompt, sampling(lineSeed), maxNewTokens, stops,
                    java.util.Set.of(), schema, false);
            GenerationHandle handle = engine.submit(request, TokenListener.NONE);
            JsonNode finalId = id;
            return handle.result().handle((r, e) -> {
                inFlight.release();
                return e == null ? success(finalId, r) : error(finalId, lineNo, rootMessage(e));
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            inFlight.release();
            return CompletableFuture.completedFuture(error(id, lineNo, "not valid JSON: " + e.getOriginalMessage()));
        } catch (Exception e) {
            inFlight.release();
            return CompletableFuture.completedFuture(error(id, lineNo, e.getMessage()));
        }
    }

    private Prompt prompt(JsonNode node) {
        if (node.has("messages")) {
            JsonNode msgs = node.get("messages");
            if (!msgs.isArray() || msgs.isEmpty() || msgs.size() > MAX_MESSAGES) {
                throw new IllegalArgumentException("\"messages\" must be an array of 1.." + MAX_MESSAGES + " messages");
            }
            List<ChatMessage> list = new ArrayList<>();
            for (JsonNode m : msgs) {
                if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                    throw new IllegalArgumentException("each message needs string \"role\" and \"content\"");
                }
                JsonNode rc = m.get("reasoning_content");
                list.add(new ChatMessage(m.get("role").asText(), m.get("content").asText(),
                        rc != null && rc.isTextual() ? rc.asText() : null));
            }
            return Prompt.chat(list, think);
        }
        if (node.path("prompt").isTextual()) {
            return Prompt.chat(List.of(ChatMessage.user(node.get("prompt").asText())), think);
        }
        throw new IllegalArgumentException("line needs \"messages\" or \"prompt\"");
    }

    private String success(JsonNode id, GenerationResult r) {
        ObjectNode o = json.createObjectNode();
        o.set("id", id);
        o.put("text", r.text());
        o.put("reasoning", r.reasoning());
        o.put("finish_reason", r.finishReason().json());
        ObjectNode usage = o.putObject("usage");
        usage.put("prompt_tokens", r.promptTokens());
        usage.put("completion_tokens", r.completionTokens());
        return o.toString();
    }

    private String error(JsonNode id, int lineNo, String message) {
        ObjectNode o = json.createObjectNode();
        o.set("id", id);
        o.put("line", lineNo);
        o.put("error", message == null ? "failed" : message);
        return o.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** A one-line progress bar on stderr, only when it is a terminal. */
    record Progress(PrintStream err, long total, long started) {
        static Progress onTerminal(PrintStream err, long total) {
            java.io.Console c = System.console();
            return new Progress(c != null && c.isTerminal() ? err : null, total, System.nanoTime());
        }

        void update(long done) {
            if (err == null || total == 0) {
                return;
            }
            int width = 30;
            int filled = (int) (width * done / total);
            double secs = (System.nanoTime() - started) / 1e9;
            err.printf("\r[%s%s] %d/%d lines, %.1f s", "#".repeat(filled), ".".repeat(width - filled), done, total, secs);
            err.flush();
        }

        void done() {
            if (err != null) {
                err.println();
            }
        }
    }
}
