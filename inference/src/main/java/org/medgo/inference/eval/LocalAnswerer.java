package org.medgo.inference.eval;

import java.util.List;
import org.medgo.inference.chat.ChatMessage;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;

/**
 * The local engine, greedy. Without thinking the output is constrained to the labels (a JSON Schema
 * {@code enum}), so every answer is a valid option; with thinking the model writes freely and the
 * {@link AnswerExtractor} reads the answer after {@code </think>}.
 */
public final class LocalAnswerer implements Answerer {

    private final InferenceEngine engine;
    private final boolean thinking;
    private final int maxNewTokens;

    public LocalAnswerer(InferenceEngine engine, boolean thinking, int maxNewTokens) {
        this.engine = engine;
        this.thinking = thinking;
        this.maxNewTokens = maxNewTokens;
    }

    @Override
    public String answer(List<ChatMessage> messages, List<String> labels) {
        GenerationRequest request = GenerationRequest.of(Prompt.chat(messages, thinking), SamplingParams.greedy(),
                thinking ? maxNewTokens : 16);
        if (!thinking) {
            StringBuilder schema = new StringBuilder("{\"type\":\"string\",\"enum\":[");
            for (int i = 0; i < labels.size(); i++) {
                schema.append(i == 0 ? "" : ",").append('"').append(labels.get(i)).append('"');
            }
            request = request.withJsonSchema(schema.append("]}").toString());
        }
        return engine.generate(request).rawText();
    }

    @Override
    public String describe() {
        return engine.bundle().dir().getFileName() + (engine.bundle().demo() ? " (demo model, random weights)" : "")
                + " on " + engine.backendDescription();
    }

    @Override
    public String extraction() {
        return thinking ? "regex" : "constrained";
    }

    @Override
    public void close() {
        engine.close();
    }
}
