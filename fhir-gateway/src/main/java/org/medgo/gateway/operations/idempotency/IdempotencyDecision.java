package org.medgo.gateway.operations.idempotency;

/** What to do with a call whose key may have been used before. */
public sealed interface IdempotencyDecision {

    /** The key is new: run the call. */
    record Fresh() implements IdempotencyDecision {}

    /** The same input again: answer with the earlier result (after the caller may read it). */
    record Replay(PriorCall prior) implements IdempotencyDecision {}

    /** Another input under a used key: 409, nothing runs, nothing is returned. */
    record Conflict() implements IdempotencyDecision {}
}
