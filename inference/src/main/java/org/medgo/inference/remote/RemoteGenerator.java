package org.medgo.inference.remote;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.medgo.inference.chat.ReasoningSplit;
import org.medgo.inference.generation.ContextLengthException;
import org.medgo.inference.generation.FinishReason;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Generator;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.remote.RemoteRequests.SchemaField;

/**
 * The remote inference tier: requests (already de-identified by the caller) go to an OpenAI-compatible server
 * instead of a local model, streamed, at most {@code maxBatch} at a time. The listener sees the same raw text a
 * local engine produces (reasoning the server returns as {@code reasoning_content} is put back inside
 * {@code <think>}), so callers need not know where the model runs. A busy or failing server (429/5xx, connect
 * errors) is retried with backoff before any text has streamed, honouring its {@code Retry-After}; when the
 * retries are used up the handle fails with the {@link EndpointException}, which callers map to 503.
 */
public final class RemoteGenerator implements Generator {

    private static final Logger LOG = Logger.getLogger(RemoteGenerator.class.getName());
    private static final int MAX_BACKOFF_SECONDS = 30;

    private final OpenAiEndpoint endpoint;
    private final String model;
    private final SchemaField schemaField;
    private final int maxBatch;
    private final int maxLength;
    private final int retries;
    private final Semaphore slots;
    private final AtomicInteger load = new AtomicInteger();
    private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param guidedJson send JSON Schemas as vLLM's {@code guided_json} instead of {@code response_format}
     * @param retries    further tries after a retryable failure (0 = none)
     */
    public RemoteGenerator(OpenAiEndpoint endpoint, String model, boolean guidedJson, int maxBatch, int maxLength, int retries) {
        this.endpoint = endpoint;
        this.model = model;
        this.schemaField = guidedJson ? SchemaField.GUIDED_JSON : SchemaField.RESPONSE_FORMAT;
        this.maxBatch = maxBatch;
        this.maxLength = maxLength;
        this.retries = retries;
        this.slots = new Semaphore(maxBatch, true);
    }

    @Override
    public GenerationHandle submit(GenerationRequest request, TokenListener listener) {
        String path = RemoteRequests.path(request);
        var body = RemoteRequests.body(request, model, schemaField);
        GenerationHandle handle = new GenerationHandle();
        load.incrementAndGet();
        pool.execute(() -> {
            try {
                slots.acquire();
                try {
                    handle.result().complete(run(path, body, listener, handle));
                } finally {
                    slots.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.result().completeExceptionally(e);
            } catch (RuntimeException e) {
                handle.result().completeExceptionally(e);
            } finally {
                load.decrementAndGet();
            }
        });
        return handle;
    }

    private GenerationResult run(String path, com.fasterxml.jackson.databind.node.ObjectNode body, TokenListener listener,
            GenerationHandle handle) throws InterruptedException {
        long start = System.nanoTime();
        long[] first = {0};
        boolean[] streamed = {false};
        boolean[] thinking = {false};
        for (int attempt = 0; ; attempt++) {
            try {
                OpenAiEndpoint.Completion c = endpoint.stream(path, body, text -> {
                    if (thinking[0]) {
                        listener.onText("\n</think>\n\n");
                        thinking[0] = false;
                    }
                    emit(listener, text, first, streamed, start);
                }, thought -> {
                    if (!thinking[0] && !streamed[0]) {
                        listener.onText("<think>\n");
                        thinking[0] = true;
                    }
                    emit(listener, thought, first, streamed, start);
                }, handle::isCancelRequested);
                if (thinking[0]) {
                    listener.onText("\n</think>\n\n");
                }
                // a server without a reasoning parser leaves <think> inline in the content
                String raw = c.reasoning().isEmpty() ? c.content() : "<think>\n" + c.reasoning() + "\n</think>\n\n" + c.content();
                ReasoningSplit split = ReasoningSplit.of(raw);
                FinishReason finish = handle.isCancelRequested() ? FinishReason.CANCELLED
                        : "length".equals(c.finishReason()) ? FinishReason.LENGTH : FinishReason.STOP;
                return new GenerationResult(split.content(), split.reasoning(), raw, finish, c.promptTokens(), c.completionTokens(),
                        new int[0], first[0], System.nanoTime() - start);
            } catch (EndpointException e) {
                if (e.status() == 400 && e.getMessage().contains("context")) {
                    throw new ContextLengthException(e.getMessage());
                }
                if (!e.retryable() || streamed[0] || attempt >= retries || handle.isCancelRequested()) {
                    throw e;
                }
                backoff(attempt, e.retryAfterSeconds());
            } catch (HttpTimeoutException e) {
                throw new EndpointException(504, 0, "no answer within the timeout");
            } catch (IOException e) {
                if (streamed[0] || attempt >= retries || handle.isCancelRequested()) {
                    throw new EndpointException(503, 0, "the inference tier cannot be reached: " + e.getClass().getSimpleName());
                }
                backoff(attempt, 0);
            }
        }
    }

    private static void emit(TokenListener listener, String text, long[] first, boolean[] streamed, long start) {
        if (!streamed[0]) {
            first[0] = System.nanoTime() - start;
            streamed[0] = true;
        }
        listener.onText(text);
    }

    private static void backoff(int attempt, int retryAfterSeconds) throws InterruptedException {
        long millis = retryAfterSeconds > 0 ? Math.min(MAX_BACKOFF_SECONDS, retryAfterSeconds) * 1000L
                : Math.min(MAX_BACKOFF_SECONDS * 1000L, 250L << Math.min(attempt, 7));
        LOG.fine(() -> "inference tier busy, retrying in " + millis + " ms");
        Thread.sleep(millis);
    }

    @Override
    public int maxBatch() {
        return maxBatch;
    }

    @Override
    public int maxLength() {
        return maxLength;
    }

    @Override
    public int load() {
        return load.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
