package org.medgo.gateway.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.openai.CompletionParams.Endpoint;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenAI-compatible endpoints (vLLM's flavour): {@code POST /v1/chat/completions}, {@code POST /v1/completions},
 * {@code GET /v1/models}. The conversation a call belongs to is the {@code X-Conversation-Id} header, else the
 * body's {@code user}, else the call alone; it keys the de-identification (date shift) and the audit.
 */
@RestController
class ModelApiController {

    static final String CONVERSATION_HEADER = "X-Conversation-Id";
    static final String DEIDENTIFY_HEADER = "X-MedGo-Deidentify";

    private final CompletionCalls calls;
    private final ModelApiProperties properties;
    private final OperationsProperties operations;
    private final boolean securityEnabled;
    private final ModelIdentity model;
    private final InferenceQueue queue;
    private final ObjectMapper json = new ObjectMapper();
    private final long created = System.currentTimeMillis() / 1000;

    ModelApiController(CompletionCalls calls, ModelApiProperties properties, OperationsProperties operations,
            @Value("${medgo.security.enabled:true}") boolean securityEnabled, ModelIdentity model, InferenceQueue queue) {
        this.calls = calls;
        this.properties = properties;
        this.operations = operations;
        this.securityEnabled = securityEnabled;
        this.model = model;
        this.queue = queue;
    }

    @PostMapping("/v1/chat/completions")
    void chat(HttpServletRequest request, HttpServletResponse response) throws IOException {
        complete(Endpoint.CHAT, request, response);
    }

    @PostMapping("/v1/completions")
    void completions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        complete(Endpoint.TEXT, request, response);
    }

    @GetMapping("/v1/models")
    ResponseEntity<ObjectNode> models() {
        decide(false);
        ObjectNode list = json.createObjectNode().put("object", "list");
        list.putArray("data").add(modelCard());
        return ResponseEntity.ok(list);
    }

    @GetMapping("/v1/models/{id}")
    ResponseEntity<ObjectNode> model(@PathVariable("id") String id) {
        decide(false);
        if (!id.equals(properties.servedModelName())) {
            throw ApiError.unknownModel(id);
        }
        return ResponseEntity.ok(modelCard());
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<ObjectNode> refused(ApiError error) {
        var builder = ResponseEntity.status(error.status());
        if (error.retryAfterSeconds() > 0) {
            builder.header("Retry-After", Integer.toString(error.retryAfterSeconds()));
        }
        return builder.contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(error.toJson(json));
    }

    private void complete(Endpoint endpoint, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean identified = "off".equalsIgnoreCase(request.getHeader(DEIDENTIFY_HEADER));
        ModelApiAccess.Decision decision = decide(identified);
        CompletionParams params = CompletionParams.parse(body(request), endpoint);
        if (!params.model().equals(properties.servedModelName())) {
            throw ApiError.unknownModel(params.model());
        }
        String conversation = request.getHeader(CONVERSATION_HEADER);
        if (conversation == null || conversation.isBlank()) {
            conversation = params.user() != null ? params.user() : UUID.randomUUID().toString();
        }
        if (conversation.length() > 256) {
            throw ApiError.badRequest("user", "the conversation id is limited to 256 characters");
        }
        calls.serve(params, new CompletionCalls.Caller(Requester.of(request), conversation,
                decision == ModelApiAccess.Decision.DEIDENTIFIED), response);
    }

    private ModelApiAccess.Decision decide(boolean identified) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        List<String> scopes = auth == null ? List.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring("SCOPE_".length())).toList();
        ModelApiAccess.Decision decision = ModelApiAccess.decide(securityEnabled, scopes, identified);
        ApiError refusal = ModelApiAccess.refusal(decision);
        if (refusal != null) {
            throw refusal;
        }
        return decision;
    }

    private JsonNode body(HttpServletRequest request) throws IOException {
        long limit = operations.maxBodyBytes();
        if (request.getContentLengthLong() > limit) {
            throw new ApiError(413, "invalid_request_error", null, "request_too_large", "the body exceeds " + limit + " bytes", 0);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ApiError(413, "invalid_request_error", null, "request_too_large", "the body exceeds " + limit + " bytes", 0);
            }
            return json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(null, "the body is not valid JSON");
        }
    }

    private ObjectNode modelCard() {
        ObjectNode card = json.createObjectNode().put("id", properties.servedModelName()).put("object", "model")
                .put("created", created).put("owned_by", "medgo").put("root", model.name())
                .put("max_model_len", queue.maxLength());
        card.put("medgo_model_version", model.version());
        card.put("medgo_bundle_sha256", model.bundleSha256()); // what a gateway using this one as its remote tier configures
        card.putNull("parent");
        return card;
    }
}
