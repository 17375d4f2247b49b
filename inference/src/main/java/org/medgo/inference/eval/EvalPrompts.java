package org.medgo.inference.eval;

import java.util.ArrayList;
import java.util.List;
import org.medgo.inference.chat.ChatMessage;

/**
 * The chat a benchmark item becomes: an instruction, the question (with lettered options), and {@code K}
 * solved examples before it as earlier user/assistant turns (few-shot, the first K items of the file, which
 * are then not scored).
 */
public final class EvalPrompts {

    private EvalPrompts() {}

    public static List<ChatMessage> messages(EvalItem item, List<EvalItem> shots) {
        List<ChatMessage> out = new ArrayList<>();
        for (EvalItem shot : shots) {
            out.add(ChatMessage.user(question(shot)));
            out.add(ChatMessage.assistant("Answer: " + shot.gold()));
        }
        out.add(ChatMessage.user(question(item)));
        return out;
    }

    static String question(EvalItem item) {
        StringBuilder q = new StringBuilder();
        if (item.options().isEmpty()) {
            q.append("Answer the research question from the context. Reply with yes, no or maybe only.\n\n")
                    .append(item.question());
        } else {
            q.append("Answer the following multiple-choice question. Reply with the letter of the correct option only.\n\n")
                    .append("Question: ").append(item.question()).append("\nOptions:\n");
            for (int i = 0; i < item.options().size(); i++) {
                q.append(item.labels().get(i)).append(". ").append(item.options().get(i)).append('\n');
            }
        }
        return q.toString();
    }
}
