package org.medgo.inference.chat;

import java.util.Objects;

/**
 * One turn of a conversation.
 *
 * @param role             {@code system}, {@code user}, {@code assistant} or {@code tool}
 * @param content          the text
 * @param reasoningContent an assistant turn's reasoning kept apart from {@code content}, or null
 */
public record ChatMessage(String role, String content, String reasoningContent) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!role.equals("system") && !role.equals("user") && !role.equals("assistant") && !role.equals("tool")) {
            throw new IllegalArgumentException("role must be system, user, assistant or tool, not \"" + role + "\"");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content, null);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content, null);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content, null);
    }

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }
}
