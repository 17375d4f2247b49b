package org.medgo.inference.generation;

import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.chat.Qwen3ChatTemplate;
import org.medgo.inference.constrained.JsonSchemaConstraint;
import org.medgo.inference.constrained.TokenVocabulary;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.DecoderBackend;
import org.medgo.inference.sampling.TokenSampler;
import org.medgo.inference.tokenizer.BundleTokenizer;

import java.util.HashSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The public entry point for generation: open a bundle, submit requests from any thread, get streaming
 * text and results. Requests share one continuous-batching scheduler thread.
 *
 * <pre>{@code
 * try (InferenceEngine engine = InferenceEngine.open(ModelBundle.open(dir), BackendOptions.defaults(),
 *         Backends.named("auto"))) {
 *     GenerationResult r = engine.generate(GenerationRequest.of(
 *             Prompt.chat(List.of(ChatMessage.user("Hi")), false), SamplingParams.greedy(), 64));
 * }
 * }</pre>
 */
public final class InferenceEngine implements Generator {
    private static final Logger LOG = Logger.getLogger(InferenceEngine.class.getName());

    private final ModelBundle bundle;
    private final BundleTokenizer tokenizer;
    private final DecoderBackend backend;
    private final Qwen3ChatTemplate template = new Qwen3ChatTemplate();
    private final Scheduler scheduler;
    private final Thread thread;
    private final Set<Integer> endIds;
    private volatile TokenVocabulary vocabulary;

    private InferenceEngine(ModelBundle bundle, BundleTokenizer tokenizer, DecoderBackend backend) {
        this.bundle = bundle;
        this.tokenizer = tokenizer;
        this.backend = backend;
        Set<Integer> ends = new HashSet<>(bundle.config().eosTokenIds());
        int imEnd = tokenizer.addedTokenId("<|im_end|>");
        if (imEnd >= 0) {
            ends.add(imEnd);
        }
        this.endIds = Set.copyOf(ends);
        this.scheduler = new Scheduler(backend, tokenizer.size());
        this.thread = Thread.ofPlatform().name("medgo-inference").daemon(true).start(scheduler);
        if (bundle.demo()) {
            LOG.warning("""
                    ************************************************************************
                    * SERVING THE BUILT-IN DEMO MODEL: tiny, RANDOM WEIGHTS.               *
                    * Its text is MEANINGLESS. Set MEDGO_MODEL_DIR to a real MedGo bundle. *
                    ************************************************************************""");
        }
    }

    /**
     * Opens a bundle on a backend ({@code Backends.named("auto")} picks one for the device). The engine knows
     * backends only through the SPI, never an implementation.
     */
    public static InferenceEngine open(ModelBundle bundle, BackendOptions options, BackendFactory factory) {
        BundleTokenizer tokenizer = BundleTokenizer.load(bundle.tokenizerJson());
        DecoderBackend backend;
        try {
            backend = factory.open(bundle, options);
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
        return new InferenceEngine(bundle, tokenizer, backend);
    }

    /** Submits a request; returns at once. The listener sees text as it is generated. */
    @Override
    public GenerationHandle submit(GenerationRequest request, TokenListener listener) {
        Prompt p = request.prompt();
        if (request.jsonSchema() != null && p instanceof Prompt.Chat c && c.thinking()) {
            // The schema binds from the first generated token, so there is no room for <think>: say so in the prompt.
            p = new Prompt.Chat(c.messages(), false);
        }
        int[] prompt = tokens(p);
        int maxLength = backend.shape().maxLength();
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (prompt.length >= maxLength) {
            throw new ContextLengthException("the prompt has " + prompt.length + " tokens but this model serves at most "
                    + maxLength + " tokens per sequence (prompt + output); shorten the input", prompt.length, maxLength - 1);
        }
        if (request.jsonSchema() != null && prompt.length + request.maxNewTokens() > maxLength) {
            // an answer bound to a schema and cut off by the context end is invalid JSON, not a shorter answer
            throw new ContextLengthException("the prompt has " + prompt.length + " tokens and the answer may take "
                    + request.maxNewTokens() + ", but this model serves at most " + maxLength
                    + " tokens per sequence (prompt + output); shorten the input", prompt.length, maxLength - request.maxNewTokens());
        }
        int maxNew = Math.min(request.maxNewTokens(), maxLength - prompt.length);
        Set<Integer> stops = new HashSet<>(request.ignoreEos() ? Set.of() : endIds);
        stops.addAll(request.stopTokenIds());
        var constraint = request.jsonSchema() == null ? null
                : JsonSchemaConstraint.compile(request.jsonSchema(), vocabulary(), endIds);
        GenerationHandle handle = new GenerationHandle();
        Sequence s = new Sequence(handle, prompt, maxNew, new TokenSampler(request.sampling(), backend.shape().vocabSize()),
                constraint, stops, request.stopStrings(), tokenizer, listener);
        scheduler.submit(s);
        return handle;
    }

    /** Generates and waits. */
    public GenerationResult generate(GenerationRequest request) {
        try {
            return submit(request, TokenListener.NONE).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating", e);
        }
    }

    /** The prompt's token ids (chat prompts rendered with the Qwen3 template). */
    public int[] tokens(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Chat c -> tokenizer.encode(template.render(c.messages().stream()
                    .map(m -> new ChatMessage(m.role(), tokenizer.neutralizeSpecialTokens(m.content()),
                            m.reasoningContent() == null ? null : tokenizer.neutralizeSpecialTokens(m.reasoningContent())))
                    .toList(), true, c.thinking()));
            case Prompt.Text t -> tokenizer.encode(t.text());
            case Prompt.Tokens t -> t.ids().clone();
        };
    }

    public BundleTokenizer tokenizer() {
        return tokenizer;
    }

    public Qwen3ChatTemplate chatTemplate() {
        return template;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    /** e.g. "onnxruntime-java CPU". */
    public String backendDescription() {
        return backend.describe();
    }

    @Override
    public int maxLength() {
        return backend.shape().maxLength();
    }

    @Override
    public int maxBatch() {
        return backend.shape().maxBatch();
    }

    /** Requests queued or running now. */
    @Override
    public int load() {
        return scheduler.load();
    }

    /** Counters for overhead figures: time inside the runtime's run calls vs the scheduler's busy time. */
    public EngineStats stats() {
        return new EngineStats(scheduler.steps.get(), scheduler.runtimeNanos.get(), scheduler.busyNanos.get());
    }

    private TokenVocabulary vocabulary() {
        TokenVocabulary v = vocabulary;
        if (v == null) {
            synchronized (this) {
                if (vocabulary == null) {
                    vocabulary = TokenVocabulary.of(tokenizer);
                }
                v = vocabulary;
            }
        }
        return v;
    }

    @Override
    public void close() {
        scheduler.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // still inside a native model run: freeing the session under it crashed the JVM (SIGSEGV in
            // libonnxruntime at exit); leaving it to the process's end is the lesser harm
            LOG.warning("the inference thread is still in a model run after 10 s; its ONNX Runtime session is not freed");
            return;
        }
        backend.close();
        tokenizer.close();
    }

    /**
     * @param steps        decoder runs so far
     * @param runtimeNanos time inside the runtime's run call
     * @param busyNanos    time the scheduler spent working (runs + everything around them)
     */
    public record EngineStats(long steps, long runtimeNanos, long busyNanos) {
        public EngineStats minus(EngineStats before) {
            return new EngineStats(steps - before.steps, runtimeNanos - before.runtimeNanos, busyNanos - before.busyNanos);
        }

        /** Engine time / runtime time (1.0 = no overhead). */
        public double overheadRatio() {
            return runtimeNanos == 0 ? Double.NaN : (double) busyNanos / runtimeNanos;
        }
    }
}
