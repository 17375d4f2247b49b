package org.medgo.gateway.operations.pipeline;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;

/**
 * Identical generation requests running at the same time share one model run. Decoding is greedy, so the
 * same request (prompt, schema, limits: a record compared by value) gives the same output: the first caller
 * runs the model, the others wait for its result instead of taking more engine slots. Each caller still
 * stores its own document under its own request id. A follower whose leader was cancelled runs the model
 * itself; a follower cancelled while waiting stops waiting.
 */
final class SharedGenerations {

    /** A generation that may fail the way the queue does. */
    interface Generation {
        GenerationResult run() throws InterruptedException, TimeoutException;
    }

    private final ConcurrentHashMap<GenerationRequest, CompletableFuture<GenerationResult>> running = new ConcurrentHashMap<>();

    /** {@code maxWaitMillis}: how long a follower waits for the leader (a synchronous caller's timeout). */
    GenerationResult run(GenerationRequest request, BooleanSupplier cancelled, long maxWaitMillis, Generation generation)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        while (true) {
            CompletableFuture<GenerationResult> mine = new CompletableFuture<>();
            CompletableFuture<GenerationResult> leader = running.putIfAbsent(request, mine);
            if (leader == null) {
                return lead(request, mine, generation);
            }
            try {
                return follow(leader, cancelled, deadline);
            } catch (CancellationException leaderCancelled) {
                if (cancelled.getAsBoolean()) {
                    throw leaderCancelled;
                }
                // the leader's client gave up, not this one: try again, possibly as the leader
            }
        }
    }

    private GenerationResult lead(GenerationRequest request, CompletableFuture<GenerationResult> mine, Generation generation)
            throws InterruptedException, TimeoutException {
        try {
            GenerationResult result = generation.run();
            mine.complete(result);
            return result;
        } catch (InterruptedException | TimeoutException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(request, mine);
        }
    }

    private static GenerationResult follow(CompletableFuture<GenerationResult> leader, BooleanSupplier cancelled, long deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("an identical request's model run did not finish in time");
            }
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while waiting for an identical request's model run");
            }
            try {
                return leader.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // poll the cancellation again
            } catch (ExecutionException e) {
                switch (e.getCause()) {
                    case TimeoutException t -> throw new TimeoutException(t.getMessage());
                    case CancellationException c -> throw new CancellationException(c.getMessage());
                    case RuntimeException r -> throw r;
                    default -> throw new IllegalStateException(e.getCause());
                }
            }
        }
    }
}
