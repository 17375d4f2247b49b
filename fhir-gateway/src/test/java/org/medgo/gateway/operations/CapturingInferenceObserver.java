package org.medgo.gateway.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.medgo.gateway.operations.model.InferenceObserver;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.Prompt;
import org.springframework.stereotype.Component;

/**
 * Test-only: records every request at the boundary of the real engine (an {@link InferenceObserver}, called
 * by the inference queue just before {@code engine.submit}), so tests can check what the model received.
 */
@Component
public class CapturingInferenceObserver implements InferenceObserver {

    private final List<String> prompts = new CopyOnWriteArrayList<>();

    @Override
    public void beforeGeneration(GenerationRequest request) {
        StringBuilder text = new StringBuilder();
        if (request.prompt() instanceof Prompt.Chat chat) {
            chat.messages().forEach(m -> text.append(m.role()).append(": ").append(m.content()).append('\n'));
        } else {
            text.append(request.prompt());
        }
        prompts.add(text.toString());
    }

    public List<String> prompts() {
        return List.copyOf(prompts);
    }

    /** The prompts recorded since {@code mark} (from {@link #mark()}). */
    public List<String> since(int mark) {
        List<String> all = prompts();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    public int mark() {
        return prompts.size();
    }
}
