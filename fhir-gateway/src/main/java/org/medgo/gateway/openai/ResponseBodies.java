package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.medgo.gateway.openai.CompletionParams.Endpoint;
import org.medgo.inference.generation.FinishReason;

/** The JSON bodies of OpenAI's completion objects and stream chunks (chat and text flavours). */
final class ResponseBodies {

    /** One finished choice: what the client sees (after re-identification). */
    record Choice(String content, String reasoning, FinishReason finish) {}

    record Usage(int promptTokens, int completionTokens) {}

    private final ObjectMapper json;
    private final Endpoint endpoint;
    private final String id;
    private final long created;
    private final String model;

    ResponseBodies(ObjectMapper json, Endpoint endpoint, String id, long created, String model) {
        this.json = json;
        this.endpoint = endpoint;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    ObjectNode completion(List<Choice> choices, Usage usage) {
        ObjectNode root = header(endpoint.object);
        ArrayNode array = root.putArray("choices");
        for (int i = 0; i < choices.size(); i++) {
            Choice c = choices.get(i);
            ObjectNode choice = array.addObject().put("index", i);
            if (endpoint == Endpoint.CHAT) {
                ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", c.content());
                message.putNull("refusal");
                message.put("reasoning_content", c.reasoning().isEmpty() ? null : c.reasoning());
                message.putArray("tool_calls");
            } else {
                choice.put("text", c.content());
            }
            choice.putNull("logprobs");
            choice.put("finish_reason", finish(c.finish()));
        }
        root.set("usage", usage(usage));
        return root;
    }

    /** A delta chunk: {@code role} on the first one of a choice, then {@code content} or {@code reasoning_content}. */
    ObjectNode delta(int index, String role, ReasoningStream.Channel channel, String text, boolean includeUsage) {
        ObjectNode root = header(chunkObject());
        ObjectNode choice = root.putArray("choices").addObject().put("index", index);
        if (endpoint == Endpoint.CHAT) {
            ObjectNode delta = choice.putObject("delta");
            if (role != null) {
                delta.put("role", role);
            }
            if (text != null) {
                delta.put(channel == ReasoningStream.Channel.REASONING ? "reasoning_content" : "content", text);
            }
        } else {
            choice.put("text", text == null ? "" : text);
        }
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) {
            root.putNull("usage");
        }
        return root;
    }

    ObjectNode finish(int index, FinishReason reason, boolean includeUsage) {
        ObjectNode root = header(chunkObject());
        ObjectNode choice = root.putArray("choices").addObject().put("index", index);
        if (endpoint == Endpoint.CHAT) {
            choice.putObject("delta");
        } else {
            choice.put("text", "");
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finish(reason));
        if (includeUsage) {
            root.putNull("usage");
        }
        return root;
    }

    /** {@code stream_options.include_usage}: a last chunk with no choices and the usage of all of them. */
    ObjectNode usageChunk(Usage usage) {
        ObjectNode root = header(chunkObject());
        root.putArray("choices");
        root.set("usage", usage(usage));
        return root;
    }

    private String chunkObject() {
        return endpoint == Endpoint.CHAT ? "chat.completion.chunk" : "text_completion";
    }

    private ObjectNode header(String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode usage(Usage u) {
        return json.createObjectNode().put("prompt_tokens", u.promptTokens()).put("completion_tokens", u.completionTokens())
                .put("total_tokens", u.promptTokens() + u.completionTokens());
    }

    private static String finish(FinishReason reason) {
        return reason == FinishReason.LENGTH ? "length" : "stop";
    }
}
