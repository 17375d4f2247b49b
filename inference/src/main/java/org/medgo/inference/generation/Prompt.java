package org.medgo.inference.generation;

import org.medgo.inference.chat.ChatMessage;

import java.util.List;

/** What the model continues. */
public sealed interface Prompt {

    /** A conversation rendered with the bundle's chat template, with a generation prompt. */
    record Chat(List<ChatMessage> messages, boolean thinking) implements Prompt {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) {
                throw new IllegalArgumentException("a chat prompt needs at least one message");
            }
        }
    }

    /** Raw text, tokenized as is (special-token text such as {@code <|im_start|>} becomes its token). */
    record Text(String text) implements Prompt {
    }

    /** Token ids, used as is (benchmarks, tests). */
    record Tokens(int[] ids) implements Prompt {
    }

    static Prompt chat(List<ChatMessage> messages, boolean thinking) {
        return new Chat(messages, thinking);
    }
}
