package org.medgo.inference.eval;

import java.util.List;
import org.medgo.inference.chat.ChatMessage;

/** Something that answers a benchmark chat: the local engine or an OpenAI-compatible endpoint. Thread-safe. */
public interface Answerer extends AutoCloseable {

    /** The model's text for the conversation; {@code labels} are the valid answers (for constrained decoding). */
    String answer(List<ChatMessage> messages, List<String> labels) throws Exception;

    /** For the report: which model, where. */
    String describe();

    /** How the answer is found: {@code constrained} (decoding limited to the labels) or {@code regex}. */
    String extraction();

    @Override
    default void close() {}
}
