package org.medgo.inference.generation;

/** The prompt does not fit the model's context. */
public class ContextLengthException extends IllegalArgumentException {
    public ContextLengthException(String message) {
        super(message);
    }
}
