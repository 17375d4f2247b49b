package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.medgo.gateway.openai.CompletionParams.Endpoint;
import org.medgo.gateway.openai.ConversationPrivacy.OutputFilter;
import org.medgo.gateway.openai.ReasoningStream.Channel;
import org.medgo.gateway.openai.ResponseBodies.Choice;
import org.medgo.gateway.openai.ResponseBodies.Usage;
import org.medgo.inference.generation.GenerationResult;

/**
 * One running call: its generations, and how their text reaches the client, either as one completion
 * object or as server-sent events ({@code data: {chunk}} ... {@code data: [DONE]}). All model text passes
 * the output filter (leak scan + re-identification) before it is written; streamed text does so sentence
 * by sentence ({@link HeldText}). A failed write means the client is gone: the caller cancels.
 */
final class CompletionCall {

    private final CompletionParams params;
    private final Generations generations;
    private final OutputFilter filter;
    private final ResponseBodies bodies;
    private final ObjectMapper json;
    private final ModelApiMetrics metrics;
    private final long startNanos;
    private static final long HEARTBEAT_NANOS = 500_000_000L;

    private long lastDeltaNanos;
    private long lastWriteNanos = System.nanoTime();
    private boolean firstSent;

    CompletionCall(CompletionParams params, Generations generations, OutputFilter filter, ResponseBodies bodies,
            ObjectMapper json, ModelApiMetrics metrics, long startNanos) {
        this.params = params;
        this.generations = generations;
        this.filter = filter;
        this.bodies = bodies;
        this.json = json;
        this.metrics = metrics;
        this.startNanos = startNanos;
    }

    /** Waits for all choices and returns the completion object. */
    ObjectNode respond(long timeoutMillis) throws InterruptedException, TimeoutException {
        List<GenerationResult> results = generations.results(timeoutMillis);
        List<Choice> choices = new ArrayList<>();
        for (GenerationResult r : results) {
            choices.add(params.endpoint() == Endpoint.CHAT
                    ? new Choice(filter.apply(r.text()), filter.apply(r.reasoning()), r.finishReason())
                    : new Choice(filter.apply(r.rawText()), "", r.finishReason()));
        }
        if (!results.isEmpty()) {
            metrics.firstToken(results.getFirst().firstTokenNanos());
        }
        return bodies.completion(choices, usage(results));
    }

    /** Streams every choice as it is generated; returns once {@code [DONE]} is written. */
    void stream(OutputStream out) throws IOException, InterruptedException, TimeoutException {
        int n = params.n();
        ReasoningStream[] reasoning = new ReasoningStream[n];
        HeldText[] heldReasoning = new HeldText[n];
        HeldText[] heldContent = new HeldText[n];
        for (int i = 0; i < n; i++) {
            reasoning[i] = new ReasoningStream();
            heldReasoning[i] = new HeldText(filter.active());
            heldContent[i] = new HeldText(filter.active());
            if (params.endpoint() == Endpoint.CHAT) {
                send(out, bodies.delta(i, "assistant", Channel.CONTENT, "", params.includeUsage()));
            }
        }
        lastDeltaNanos = startNanos;
        while (true) {
            Generations.Delta d = generations.poll(50);
            if (System.nanoTime() - lastWriteNanos > HEARTBEAT_NANOS) {
                // an SSE comment (clients skip it): held-back text must not hide that the client has gone
                write(out, ":\n\n");
            }
            if (d == null) {
                if (!generations.done()) {
                    continue;
                }
                for (Generations.Delta rest : generations.drain()) {
                    take(out, rest, reasoning, heldReasoning, heldContent);
                }
                break;
            }
            take(out, d, reasoning, heldReasoning, heldContent);
        }
        List<GenerationResult> results = generations.results(1_000);
        for (int i = 0; i < n; i++) {
            for (ReasoningStream.Piece p : params.endpoint() == Endpoint.CHAT ? reasoning[i].finish() : List.<ReasoningStream.Piece>of()) {
                release(out, i, p.channel(), (p.channel() == Channel.REASONING ? heldReasoning : heldContent)[i].push(p.text()));
            }
            release(out, i, Channel.REASONING, heldReasoning[i].flush());
            release(out, i, Channel.CONTENT, heldContent[i].flush());
            send(out, bodies.finish(i, results.get(i).finishReason(), params.includeUsage()));
        }
        if (params.includeUsage()) {
            send(out, bodies.usageChunk(usage(results)));
        }
        write(out, "data: [DONE]\n\n");
    }

    /** An error after the stream began: OpenAI-style clients read it from a data event. */
    void streamError(OutputStream out, ApiError error) throws IOException {
        write(out, "data: " + json.writeValueAsString(error.toJson(json)) + "\n\n");
        write(out, "data: [DONE]\n\n");
    }

    private void take(OutputStream out, Generations.Delta d, ReasoningStream[] reasoning, HeldText[] heldReasoning,
            HeldText[] heldContent) throws IOException {
        if (firstSent) {
            metrics.interToken(d.atNanos() - lastDeltaNanos);
        }
        lastDeltaNanos = d.atNanos();
        List<ReasoningStream.Piece> pieces = params.endpoint() == Endpoint.CHAT ? reasoning[d.index()].push(d.text())
                : List.of(new ReasoningStream.Piece(Channel.CONTENT, d.text()));
        for (ReasoningStream.Piece p : pieces) {
            HeldText held = (p.channel() == Channel.REASONING ? heldReasoning : heldContent)[d.index()];
            release(out, d.index(), p.channel(), held.push(p.text()));
        }
    }

    private void release(OutputStream out, int index, Channel channel, String modelText) throws IOException {
        if (modelText.isEmpty()) {
            return;
        }
        if (!firstSent) {
            firstSent = true;
            metrics.firstToken(System.nanoTime() - startNanos);
        }
        send(out, bodies.delta(index, null, channel, filter.apply(modelText), params.includeUsage()));
    }

    private void send(OutputStream out, ObjectNode chunk) throws IOException {
        write(out, "data: " + json.writeValueAsString(chunk) + "\n\n");
    }

    private void write(OutputStream out, String event) throws IOException {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
        lastWriteNanos = System.nanoTime();
    }

    /** vLLM's convention: the prompt counted once, completion tokens summed over the choices. */
    static Usage usage(List<GenerationResult> results) {
        int prompt = results.isEmpty() ? 0 : results.getFirst().promptTokens();
        return new Usage(prompt, results.stream().mapToInt(GenerationResult::completionTokens).sum());
    }
}
