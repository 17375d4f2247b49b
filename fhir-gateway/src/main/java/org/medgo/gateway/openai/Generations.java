package org.medgo.gateway.openai;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;

/**
 * The {@code n} generations of one call, started together through the bounded inference queue. Their text
 * arrives on one queue (filled on the engine thread, drained by the HTTP thread), tagged by choice index.
 * If the queue cannot take all of them, the ones already started are cancelled and the caller gets the refusal.
 */
final class Generations {

    record Delta(int index, String text, long atNanos) {}

    private final LinkedBlockingQueue<Delta> deltas = new LinkedBlockingQueue<>();
    private final List<GenerationHandle> handles = new ArrayList<>();

    private Generations() {}

    static Generations start(InferenceQueue queue, List<GenerationRequest> requests) {
        Generations g = new Generations();
        try {
            for (int i = 0; i < requests.size(); i++) {
                int index = i;
                g.handles.add(queue.submitOrRefuse(requests.get(i),
                        text -> g.deltas.add(new Delta(index, text, System.nanoTime()))));
            }
        } catch (RuntimeException e) {
            g.cancel();
            throw e;
        }
        return g;
    }

    /** The next piece of text, or null after {@code millis} without one. */
    Delta poll(long millis) throws InterruptedException {
        return deltas.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Text that arrived and was not taken yet (call once {@link #done()}). */
    List<Delta> drain() {
        List<Delta> rest = new ArrayList<>();
        deltas.drainTo(rest);
        return rest;
    }

    boolean done() {
        return handles.stream().allMatch(h -> h.result().isDone());
    }

    /** All results, waiting at most {@code millis} in total; a failed generation's exception is rethrown. */
    List<GenerationResult> results(long millis) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<GenerationResult> out = new ArrayList<>();
        for (GenerationHandle h : handles) {
            try {
                out.add(h.result().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("generation failed", e.getCause());
            }
        }
        return out;
    }

    /** Stops every generation; their engine slots and queue places are freed at the next step. */
    void cancel() {
        handles.forEach(GenerationHandle::cancel);
    }

    /** Waits (briefly) until cancelled generations have left the engine, so their slots are free again. */
    void awaitEnd(long millis) {
        try {
            CompletableFuture.allOf(handles.stream().map(GenerationHandle::result).toArray(CompletableFuture[]::new))
                    .get(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the outcome is reported by results(); here only the wait matters
        }
    }
}
