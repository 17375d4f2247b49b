package org.medgo.gateway.operations.model;

import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.TokenListener;

/** The way into the model for the operations: {@link InferenceQueue} in front of the real engine. */
public interface GenerationQueue {

    /** Generates now or throws {@link InferenceQueueFullException}; a timeout cancels the generation. */
    GenerationResult generateOrRefuse(GenerationRequest request, long timeoutMillis, TokenListener listener)
            throws TimeoutException, InterruptedException;

    /** Waits for a place (giving up when {@code cancelled} turns true), then generates. */
    GenerationResult generateWhenFree(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled)
            throws InterruptedException, TimeoutException;
}
