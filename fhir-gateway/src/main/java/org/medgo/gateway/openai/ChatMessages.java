package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.medgo.inference.chat.ChatMessage;

/**
 * OpenAI {@code messages} → the engine's chat turns. Content may be a string or an array of text parts;
 * {@code developer} is OpenAI's newer name for {@code system}; an assistant turn's {@code tool_calls} are
 * written into its content as Qwen3's template writes them ({@code <tool_call>{"name", "arguments"}</tool_call>}),
 * and {@code reasoning_content} (vLLM) is passed on so the template can keep or drop it.
 */
final class ChatMessages {

    private ChatMessages() {}

    static List<ChatMessage> parse(JsonNode messages) {
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw ApiError.badRequest("messages", "messages must be a non-empty array");
        }
        if (messages.size() > CompletionParams.MAX_MESSAGES) {
            throw ApiError.badRequest("messages", "at most " + CompletionParams.MAX_MESSAGES + " messages");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            out.add(message(messages.get(i), "messages[" + i + "]"));
        }
        return out;
    }

    private static ChatMessage message(JsonNode m, String where) {
        if (!m.isObject()) {
            throw ApiError.badRequest(where, where + " must be an object");
        }
        String role = CompletionParams.text(m, "role");
        if (role == null) {
            throw ApiError.badRequest(where + ".role", where + ".role is required");
        }
        role = role.equals("developer") ? "system" : role;
        if (!List.of("system", "user", "assistant", "tool").contains(role)) {
            throw ApiError.badRequest(where + ".role", "role must be system, developer, user, assistant or tool, not " + role);
        }
        String content = content(m.get("content"), where + ".content");
        if (role.equals("assistant")) {
            content = withToolCalls(content, m.get("tool_calls"), where);
        } else if (content == null) {
            throw ApiError.badRequest(where + ".content", where + ".content is required for role " + role);
        }
        JsonNode reasoning = m.get("reasoning_content");
        return new ChatMessage(role, content == null ? "" : content,
                reasoning != null && reasoning.isTextual() ? reasoning.asText() : null);
    }

    private static String content(JsonNode c, String where) {
        if (c == null || c.isNull()) {
            return null;
        }
        if (c.isTextual()) {
            return c.asText();
        }
        if (!c.isArray()) {
            throw ApiError.badRequest(where, where + " must be a string or an array of text parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : c) {
            if (!part.isObject() || !"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                throw ApiError.badRequest(where, "only text content parts are supported");
            }
            text.append(part.get("text").asText());
        }
        return text.toString();
    }

    private static String withToolCalls(String content, JsonNode calls, String where) {
        if (calls == null || calls.isNull() || calls.isEmpty()) {
            return content;
        }
        if (!calls.isArray()) {
            throw ApiError.badRequest(where + ".tool_calls", "tool_calls must be an array");
        }
        StringBuilder out = new StringBuilder(content == null ? "" : content);
        for (JsonNode call : calls) {
            JsonNode fn = call.has("function") ? call.get("function") : call;
            JsonNode args = fn.get("arguments");
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("<tool_call>\n{\"name\": \"").append(fn.path("name").asText()).append("\", \"arguments\": ")
                    .append(args == null ? "{}" : args.isTextual() ? args.asText() : args.toString()).append("}\n</tool_call>");
        }
        return out.toString();
    }
}
