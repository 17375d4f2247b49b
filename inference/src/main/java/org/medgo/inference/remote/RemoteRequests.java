package org.medgo.inference.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;

/**
 * A {@link GenerationRequest} as an OpenAI/vLLM request body: chat prompts go to {@code chat/completions}
 * with vLLM's {@code chat_template_kwargs.enable_thinking}, text prompts to {@code completions}; sampling
 * fields by their OpenAI/vLLM names ({@code top_k} 0 → -1); a JSON Schema as {@code response_format} or, for
 * servers that only know vLLM's older field, {@code guided_json}; stop token ids and {@code ignore_eos} as vLLM's.
 */
final class RemoteRequests {

    /** Where the JSON Schema goes. */
    enum SchemaField { RESPONSE_FORMAT, GUIDED_JSON }

    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteRequests() {}

    static String path(GenerationRequest request) {
        return switch (request.prompt()) {
            case Prompt.Chat c -> "chat/completions";
            case Prompt.Text t -> "completions";
            case Prompt.Tokens t -> throw new IllegalArgumentException("token-id prompts cannot be sent to a remote tier");
        };
    }

    static ObjectNode body(GenerationRequest request, String model, SchemaField schemaField) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", request.maxNewTokens());
        switch (request.prompt()) {
            case Prompt.Chat c -> {
                ArrayNode messages = body.putArray("messages");
                c.messages().forEach(m -> {
                    ObjectNode node = messages.addObject().put("role", m.role()).put("content", m.content());
                    if (m.reasoningContent() != null) {
                        node.put("reasoning_content", m.reasoningContent());
                    }
                });
                body.putObject("chat_template_kwargs").put("enable_thinking", c.thinking() && request.jsonSchema() == null);
            }
            case Prompt.Text t -> body.put("prompt", t.text());
            case Prompt.Tokens t -> throw new IllegalArgumentException("token-id prompts cannot be sent to a remote tier");
        }
        SamplingParams s = request.sampling();
        body.put("temperature", s.temperature()).put("top_p", s.topP()).put("top_k", s.topK() == 0 ? -1 : s.topK())
                .put("min_p", s.minP()).put("presence_penalty", s.presencePenalty())
                .put("frequency_penalty", s.frequencyPenalty()).put("repetition_penalty", s.repetitionPenalty());
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        if (!request.stopStrings().isEmpty()) {
            request.stopStrings().forEach(body.putArray("stop")::add);
        }
        if (!request.stopTokenIds().isEmpty()) {
            request.stopTokenIds().forEach(body.putArray("stop_token_ids")::add);
        }
        if (request.ignoreEos()) {
            body.put("ignore_eos", true);
        }
        if (request.jsonSchema() != null) {
            ObjectNode schema;
            try {
                schema = (ObjectNode) JSON.readTree(request.jsonSchema());
            } catch (IOException | ClassCastException e) {
                throw new IllegalArgumentException("the JSON Schema is not a JSON object");
            }
            if (schemaField == SchemaField.GUIDED_JSON) {
                body.set("guided_json", schema);
            } else {
                ObjectNode format = body.putObject("response_format").put("type", "json_schema");
                format.putObject("json_schema").put("name", "output").put("strict", true).set("schema", schema);
            }
        }
        return body;
    }

    static String json(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
