package org.medgo.gateway.operations.model;

/** The bounded queue in front of the engine is full: the caller should answer 503 with Retry-After. */
public final class InferenceQueueFullException extends RuntimeException {

    public InferenceQueueFullException() {
        super("the inference queue is full", null, false, false);
    }
}
