package org.medgo.gateway.operations.pipeline;

/** How a caller waits for the model. */
public enum CallMode {
    /** An HTTP request waiting for its answer: refused (503) when the model's queue is full, timed out after {@code syncTimeout}. */
    SYNCHRONOUS,
    /** A job worker: waits for a place in the queue as long as it takes, until cancelled. */
    JOB
}
