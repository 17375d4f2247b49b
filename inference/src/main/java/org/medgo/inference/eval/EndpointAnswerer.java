package org.medgo.inference.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.remote.OpenAiEndpoint;

/**
 * Any OpenAI-compatible server ({@code --endpoint}): a vLLM deployment of MedGo, another gateway's {@code /v1},
 * so figures are comparable. Greedy ({@code temperature 0}); thinking on or off through vLLM's
 * {@code chat_template_kwargs}; the answer is read from {@code content} with the {@link AnswerExtractor}.
 */
public final class EndpointAnswerer implements Answerer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiEndpoint endpoint;
    private final String model;
    private final boolean thinking;
    private final int maxTokens;

    public EndpointAnswerer(OpenAiEndpoint endpoint, String model, boolean thinking, int maxTokens) {
        this.endpoint = endpoint;
        this.model = model;
        this.thinking = thinking;
        this.maxTokens = maxTokens;
    }

    @Override
    public String answer(List<ChatMessage> messages, List<String> labels) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("temperature", 0).put("max_tokens", maxTokens);
        ArrayNode array = body.putArray("messages");
        messages.forEach(m -> array.addObject().put("role", m.role()).put("content", m.content()));
        body.putObject("chat_template_kwargs").put("enable_thinking", thinking);
        return endpoint.complete("chat/completions", body).content();
    }

    @Override
    public String describe() {
        return model + " at " + endpoint.baseUrl();
    }

    @Override
    public String extraction() {
        return "regex";
    }
}
