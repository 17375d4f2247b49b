package org.medgo.inference.constrained;

/**
 * Restricts which tokens a sequence may produce next. Stateful: one instance per sequence.
 */
public interface TokenConstraint {

    /** True when {@code token} may come next and the output can still be completed within {@code budget} tokens (this one included). */
    boolean allows(int token, int budget);

    /** Sets {@code logits[id]} to -Infinity for every token that {@link #allows} rejects. */
    void mask(float[] logits, int budget);

    /** Advances past an allowed token. */
    void accept(int token);

    /** True when the output is complete and only an end token may follow. */
    boolean isComplete();
}
