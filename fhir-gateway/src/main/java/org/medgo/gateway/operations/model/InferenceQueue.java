package org.medgo.gateway.operations.model;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.inference.generation.GenerationHandle;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Generator;
import org.medgo.inference.generation.TokenListener;
import org.medgo.inference.remote.EndpointException;
import org.springframework.stereotype.Component;

/**
 * A bounded queue in front of the engine (the local one, or the remote tier): at most
 * {@code maxBatch + queueCapacity} requests are in the engine or waiting for it. Synchronous callers that find it full are refused at once (503); job workers
 * wait for a place, polling their cancel flag.
 */
@Component
public class InferenceQueue implements GenerationQueue {

    private final Generator engine;
    private final List<InferenceObserver> observers;
    private final Semaphore places;
    private final int capacity;

    InferenceQueue(Generator engine, List<InferenceObserver> observers, OperationsProperties properties) {
        this.engine = engine;
        this.observers = List.copyOf(observers);
        this.capacity = engine.maxBatch() + properties.queueCapacity();
        this.places = new Semaphore(capacity, true);
    }

    @Override
    public GenerationResult generateOrRefuse(GenerationRequest request, long timeoutMillis, TokenListener listener)
            throws TimeoutException, InterruptedException {
        if (!places.tryAcquire()) {
            throw new InferenceQueueFullException();
        }
        return run(request, listener, timeoutMillis, () -> false);
    }

    /**
     * Starts a generation now or throws {@link InferenceQueueFullException}; returns at once. The place is
     * given back when the generation ends (finished, failed or cancelled through the handle), so a streaming
     * caller that cancels on client disconnect frees it.
     */
    public GenerationHandle submitOrRefuse(GenerationRequest request, TokenListener listener) {
        if (!places.tryAcquire()) {
            throw new InferenceQueueFullException();
        }
        try {
            observers.forEach(o -> o.beforeGeneration(request));
            GenerationHandle handle = engine.submit(request, listener);
            handle.result().whenComplete((r, e) -> places.release());
            return handle;
        } catch (RuntimeException e) {
            places.release();
            throw e;
        }
    }

    @Override
    public GenerationResult generateWhenFree(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled)
            throws InterruptedException, TimeoutException {
        while (!places.tryAcquire(200, TimeUnit.MILLISECONDS)) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled while queued");
            }
        }
        return run(request, listener, Long.MAX_VALUE, cancelled);
    }

    public int capacity() {
        return capacity;
    }

    public int inUse() {
        return capacity - places.availablePermits();
    }

    /** KV cache slots of the engine: requests decoded together. */
    public int slots() {
        return engine.maxBatch();
    }

    /** Requests in the engine now (decoding, or waiting there for a slot). */
    public int engineLoad() {
        return engine.load();
    }

    /** Tokens per sequence, prompt and answer together. */
    public int maxLength() {
        return engine.maxLength();
    }

    private GenerationResult run(GenerationRequest request, TokenListener listener, long timeoutMillis,
            BooleanSupplier cancelled) throws InterruptedException, TimeoutException {
        GenerationHandle handle = null;
        try {
            observers.forEach(o -> o.beforeGeneration(request));
            handle = engine.submit(request, listener);
            long deadline = timeoutMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                long waitNanos = deadline == Long.MAX_VALUE ? 200_000_000L
                        : Math.max(1, Math.min(200_000_000L, deadline - System.nanoTime()));
                try {
                    return handle.result().get(waitNanos, TimeUnit.NANOSECONDS);
                } catch (TimeoutException poll) {
                    if (cancelled.getAsBoolean()) {
                        handle.cancel();
                        throw new CancellationException("cancelled");
                    }
                    if (System.nanoTime() - deadline > 0) {
                        handle.cancel();
                        throw new TimeoutException("the model did not answer in time");
                    }
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof EndpointException remote && remote.retryable()) {
                // the remote inference tier stayed busy through its retries: the same answer as a full local queue
                throw new InferenceQueueFullException();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("generation failed", cause);
        } catch (InterruptedException e) {
            if (handle != null) {
                handle.cancel();
            }
            throw e;
        } finally {
            places.release();
        }
    }
}
