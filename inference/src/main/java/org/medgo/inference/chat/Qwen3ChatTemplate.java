package org.medgo.inference.chat;

import java.util.List;

/**
 * Qwen3's chat template (the Jinja template in Qwen3's {@code tokenizer_config.json}, without tools),
 * rendered in Java so no template engine runs at inference time. Behaviour that matters and is easy
 * to get wrong, all as in the Jinja original:
 * <ul>
 *   <li>a first {@code system} message opens the prompt; a later one is rendered as an ordinary turn;</li>
 *   <li>an assistant turn's reasoning (its {@code reasoningContent}, else the text between
 *       {@code <think>} and {@code </think>} in its content) is kept only for turns after the last real
 *       user query, otherwise dropped;</li>
 *   <li>with thinking off, the generation prompt ends in an empty {@code <think>} block.</li>
 * </ul>
 */
public final class Qwen3ChatTemplate {

    private static final String START = "<|im_start|>";
    private static final String END = "<|im_end|>";

    /**
     * @param messages            the conversation
     * @param addGenerationPrompt open an assistant turn for the model to complete
     * @param enableThinking      false renders the empty think block that tells Qwen3 not to think
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, boolean enableThinking) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a conversation needs at least one message");
        }
        StringBuilder out = new StringBuilder();
        if (messages.getFirst().role().equals("system")) {
            out.append(START).append("system\n").append(messages.getFirst().content()).append(END).append('\n');
        }
        int lastQuery = messages.size() - 1;
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage m = messages.get(i);
            if (m.role().equals("user") && !(m.content().startsWith("<tool_response>")
                    && m.content().endsWith("</tool_response>"))) {
                lastQuery = i;
                break;
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            boolean last = i == messages.size() - 1;
            switch (m.role()) {
                case "user" -> turn(out, m.role(), m.content());
                case "system" -> {
                    if (i > 0) {
                        turn(out, m.role(), m.content());
                    }
                }
                case "assistant" -> assistant(out, m, i > lastQuery, last);
                case "tool" -> {
                    if (i == 0 || !messages.get(i - 1).role().equals("tool")) {
                        out.append(START).append("user");
                    }
                    out.append("\n<tool_response>\n").append(m.content()).append("\n</tool_response>");
                    if (last || !messages.get(i + 1).role().equals("tool")) {
                        out.append(END).append('\n');
                    }
                }
                default -> throw new IllegalStateException(m.role());
            }
        }
        if (addGenerationPrompt) {
            out.append(START).append("assistant\n");
            if (!enableThinking) {
                out.append("<think>\n\n</think>\n\n");
            }
        }
        return out.toString();
    }

    private static void turn(StringBuilder out, String role, String content) {
        out.append(START).append(role).append('\n').append(content).append(END).append('\n');
    }

    private static void assistant(StringBuilder out, ChatMessage m, boolean afterLastQuery, boolean last) {
        String content = m.content();
        String reasoning = "";
        if (m.reasoningContent() != null) {
            reasoning = m.reasoningContent();
        } else if (content.contains("</think>")) {
            int lastClose = content.lastIndexOf("</think>");
            String before = content.substring(0, content.indexOf("</think>"));
            content = stripLeading(content.substring(lastClose + "</think>".length()));
            before = stripTrailing(before);
            int open = before.lastIndexOf("<think>");
            reasoning = stripLeading(open < 0 ? before : before.substring(open + "<think>".length()));
        }
        out.append(START).append("assistant\n");
        if (afterLastQuery && (last || !reasoning.isEmpty())) {
            out.append("<think>\n").append(stripTrailing(stripLeading(reasoning))).append("\n</think>\n\n")
                    .append(stripLeading(content));
        } else {
            out.append(content);
        }
        out.append(END).append('\n');
    }

    /** Python's {@code lstrip('\n')}. */
    static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) == '\n') {
            i++;
        }
        return s.substring(i);
    }

    /** Python's {@code rstrip('\n')}. */
    static String stripTrailing(String s) {
        int j = s.length();
        while (j > 0 && s.charAt(j - 1) == '\n') {
            j--;
        }
        return s.substring(0, j);
    }
}
