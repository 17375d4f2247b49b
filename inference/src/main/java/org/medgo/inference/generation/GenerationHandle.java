package org.medgo.inference.generation;

import java.util.concurrent.CompletableFuture;

/** A submitted generation: wait for it, or cancel it (the slot is freed at the next step). */
public final class GenerationHandle {
    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;

    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    /** Asks the engine to stop this generation; the result then has finish reason CANCELLED. */
    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelRequested() {
        return cancelled;
    }

    /** Blocks for the result. */
    public GenerationResult await() throws InterruptedException {
        try {
            return result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
    }

    CompletableFuture<GenerationResult> future() {
        return result;
    }
}
