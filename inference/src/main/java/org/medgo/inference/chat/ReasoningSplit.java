package org.medgo.inference.chat;

/**
 * A completion split into Qwen3's {@code <think>…</think>} reasoning and the answer.
 *
 * @param reasoning the thinking text (empty when the model did not think)
 * @param content   the answer
 */
public record ReasoningSplit(String reasoning, String content) {

    /**
     * Splits generated text. A completion that opened {@code <think>} but never closed it (cut off by the
     * token limit) is all reasoning.
     */
    public static ReasoningSplit of(String generated) {
        int close = generated.indexOf("</think>");
        if (close < 0) {
            String t = Qwen3ChatTemplate.stripLeading(generated);
            if (t.startsWith("<think>")) {
                return new ReasoningSplit(t.substring("<think>".length()).strip(), "");
            }
            return new ReasoningSplit("", generated);
        }
        String before = generated.substring(0, close);
        int open = before.indexOf("<think>");
        String reasoning = (open < 0 ? before : before.substring(open + "<think>".length())).strip();
        String content = generated.substring(close + "</think>".length()).strip();
        return new ReasoningSplit(reasoning, content);
    }
}
