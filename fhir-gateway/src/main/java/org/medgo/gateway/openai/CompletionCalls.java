package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.openai.CompletionParams.Endpoint;
import org.medgo.gateway.openai.ConversationPrivacy.OutputFilter;
import org.medgo.gateway.openai.ConversationPrivacy.Sealed;
import org.medgo.gateway.openai.ModelApiMetrics.Outcome;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.medgo.gateway.operations.model.InferenceQueueFullException;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.medgo.gateway.operations.pipeline.OperationAudit;
import org.medgo.inference.generation.ContextLengthException;
import org.medgo.inference.remote.EndpointException;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;
import org.springframework.stereotype.Component;

/**
 * Serves one validated completion call: de-identify (unless the administrator switched it off), start the
 * {@code n} generations through the bounded queue (full → 503 + Retry-After, as the FHIR operations), answer
 * or stream, and audit it as a model run (digests and counts, never text). A client that goes away mid-stream
 * cancels its generations, which frees their KV slots and queue places.
 */
@Component
class CompletionCalls {

    /** Who called and how: the audit's requester, the conversation the vault is keyed by, de-identification. */
    record Caller(Requester requester, String conversationId, boolean deidentify) {}

    private final InferenceQueue queue;
    private final ConversationPrivacy privacy;
    private final AuditTrail audit;
    private final ModelApiMetrics metrics;
    private final ModelIdentity model;
    private final ModelApiProperties properties;
    private final OperationsProperties operations;
    private final ObjectMapper json = new ObjectMapper();

    CompletionCalls(InferenceQueue queue, ConversationPrivacy privacy, AuditTrail audit, ModelApiMetrics metrics,
            ModelIdentity model, ModelApiProperties properties, OperationsProperties operations) {
        this.queue = queue;
        this.privacy = privacy;
        this.audit = audit;
        this.metrics = metrics;
        this.model = model;
        this.properties = properties;
        this.operations = operations;
    }

    void serve(CompletionParams params, Caller caller, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String tag = params.endpoint() == Endpoint.CHAT ? "chat" : "completions";
        String id = params.endpoint().idPrefix + UUID.randomUUID().toString().replace("-", "");
        String conversation = privacy.conversationHash(String.valueOf(caller.requester().clientId()), caller.conversationId());
        Sealed sealed = caller.deidentify() ? privacy.seal(params.messages(), params.prompt(), conversation) : null;
        OutputFilter filter = sealed == null ? OutputFilter.identity() : sealed.output();
        List<GenerationRequest> requests = requests(params, sealed);
        Map<String, Object> details = new TreeMap<>();
        details.put("endpoint", "/v1/" + (tag.equals("chat") ? "chat/completions" : "completions"));
        details.put("model", properties.servedModelName());
        details.put("modelVersion", model.version());
        details.put("conversation", conversation);
        details.put("deidentified", sealed != null);
        details.put("choices", params.n());
        details.put("promptSha256", OperationAudit.sha256(String.valueOf(requests.getFirst().prompt())));
        if (sealed != null) {
            details.put("vault", sealed.vaultId().toString());
            sealed.counts().forEach((type, count) -> details.put("phi." + type.name(), count));
        }
        Generations generations;
        try {
            generations = Generations.start(queue, requests);
        } catch (InferenceQueueFullException e) {
            finish(tag, Outcome.BUSY, caller, id, details, "queue full");
            throw ApiError.busy("the model is busy; retry after the time in Retry-After", operations.retryAfterSeconds());
        } catch (ContextLengthException e) {
            finish(tag, Outcome.REFUSED, caller, id, details, "context length");
            throw new ApiError(400, "invalid_request_error", "messages", "context_length_exceeded", e.getMessage(), 0);
        } catch (IllegalArgumentException e) {
            finish(tag, Outcome.REFUSED, caller, id, details, "bad parameters");
            throw ApiError.badRequest(null, e.getMessage());
        }
        CompletionCall call = new CompletionCall(params, generations, filter,
                new ResponseBodies(json, params.endpoint(), id, System.currentTimeMillis() / 1000, properties.servedModelName()),
                json, metrics, start);
        Outcome outcome = Outcome.FAILED;
        String failure = null;
        boolean audited = false;
        try {
            if (params.stream()) {
                response.setStatus(200);
                response.setContentType("text/event-stream;charset=UTF-8");
                response.setHeader("Cache-Control", "no-cache");
                response.setHeader("X-Accel-Buffering", "no");
                OutputStream out = response.getOutputStream();
                try {
                    call.stream(out);
                } catch (RuntimeException e) {
                    failure = e.getClass().getSimpleName();
                    call.streamError(out, ApiError.internal("generation failed"));
                    throw new ClientGone();
                }
            } else {
                ObjectNode body = call.respond(operations.syncTimeout().toMillis());
                outcome = Outcome.OK;
                // audited before the answer leaves: no answer without its record (a failed write throws here)
                audited = true;
                conclude(generations, tag, outcome, caller, id, details, filter, null, start);
                response.setStatus(200);
                response.setContentType("application/json");
                json.writeValue(response.getOutputStream(), body);
            }
            outcome = Outcome.OK;
        } catch (ClientGone e) {
            outcome = failure == null ? Outcome.CANCELLED : Outcome.FAILED;
        } catch (IOException e) {
            outcome = Outcome.CANCELLED; // the client closed the connection: stop generating for it
            failure = "client disconnected";
        } catch (EndpointException e) {
            // the remote inference tier (MEDGO_INFERENCE_BACKEND=openai) stayed busy or failed
            outcome = e.retryable() ? Outcome.BUSY : Outcome.FAILED;
            throw e.retryable() ? ApiError.busy("the inference tier is busy; retry later", operations.retryAfterSeconds())
                    : new ApiError(502, "server_error", null, null, "the inference tier failed", 0);
        } catch (TimeoutException e) {
            outcome = Outcome.BUSY;
            throw ApiError.busy("the model did not answer within " + operations.syncTimeout().toSeconds()
                    + " s; stream the answer or retry later", operations.retryAfterSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.CANCELLED;
        } finally {
            if (!audited) {
                conclude(generations, tag, outcome, caller, id, details, filter, failure, start);
            }
        }
    }

    /** Stops what still runs, then audits the call and records its throughput. */
    private void conclude(Generations generations, String tag, Outcome outcome, Caller caller, String id,
            Map<String, Object> details, OutputFilter filter, String failure, long start) {
        generations.cancel(); // no-op for finished ones
        generations.awaitEnd(5_000);
        results(generations, details, filter);
        finish(tag, outcome, caller, id, details, failure);
        if (details.get("completionTokens") instanceof Integer tokens) {
            metrics.throughput(tokens, System.nanoTime() - start);
        }
    }

    private List<GenerationRequest> requests(CompletionParams params, Sealed sealed) {
        Prompt prompt = params.endpoint() == Endpoint.CHAT
                ? Prompt.chat(sealed == null ? params.messages() : sealed.messages(), params.thinking())
                : new Prompt.Text(sealed == null ? params.prompt() : sealed.prompt());
        int maxTokens = params.maxTokens() == null ? properties.defaultMaxTokens() : params.maxTokens();
        SamplingParams s = params.sampling();
        long seed = s.seed() == null ? ThreadLocalRandom.current().nextLong() : s.seed();
        List<GenerationRequest> out = new ArrayList<>();
        for (int i = 0; i < params.n(); i++) {
            SamplingParams si = new SamplingParams(s.temperature(), s.topK(), s.topP(), s.minP(), s.repetitionPenalty(),
                    s.presencePenalty(), s.frequencyPenalty(), seed + i);
            out.add(GenerationRequest.of(prompt, si, maxTokens).withStopStrings(params.stop())
                    .withJsonSchema(params.jsonSchema()).withIgnoreEos(params.ignoreEos()));
        }
        return out;
    }

    private static void results(Generations generations, Map<String, Object> details, OutputFilter filter) {
        try {
            List<GenerationResult> results = generations.results(1);
            details.put("promptTokens", CompletionCall.usage(results).promptTokens());
            details.put("completionTokens", CompletionCall.usage(results).completionTokens());
            details.put("finishReasons", results.stream().map(r -> r.finishReason().name()).toList().toString());
            details.put("outputSha256", OperationAudit.sha256(String.join("\u0000", results.stream().map(GenerationResult::rawText).toList())));
            details.put("leaksRedacted", filter.leaksRedacted());
        } catch (TimeoutException | RuntimeException e) {
            details.put("finishReasons", "unfinished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finish(String tag, Outcome outcome, Caller caller, String id, Map<String, Object> details, String failure) {
        metrics.request(tag, outcome);
        org.medgo.audit.Outcome auditOutcome = switch (outcome) {
            case OK -> org.medgo.audit.Outcome.SUCCESS;
            case CANCELLED, REFUSED, BUSY -> org.medgo.audit.Outcome.MINOR_FAILURE;
            case FAILED -> org.medgo.audit.Outcome.SERIOUS_FAILURE;
        };
        AuditRecord.Builder record = AuditRecord.builder(EventType.MODEL_RUN, "openai." + tag).action('E')
                .outcome(auditOutcome, outcome == Outcome.OK ? null : outcome.name().toLowerCase() + (failure == null ? "" : ": " + failure))
                .client(caller.requester().clientId()).user(caller.requester().userId()).request(id);
        record.details(details);
        audit.record(record.build());
    }

    /** The stream ended early after an error event was written: nothing more to send. */
    private static final class ClientGone extends RuntimeException {
        ClientGone() {
            super(null, null, false, false);
        }
    }
}
