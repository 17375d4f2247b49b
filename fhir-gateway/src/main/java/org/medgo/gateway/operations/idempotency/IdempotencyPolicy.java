package org.medgo.gateway.operations.idempotency;

import java.util.Optional;

/**
 * Request-id idempotency as a pure function: callers look the key up (after validating the input, never
 * before), then ask this what to do. A key used with another input is a conflict, never a replay: the
 * earlier result is someone else's record.
 */
public final class IdempotencyPolicy {

    private IdempotencyPolicy() {}

    public static IdempotencyDecision decide(Optional<PriorCall> prior, String inputSha256) {
        if (prior.isEmpty()) {
            return new IdempotencyDecision.Fresh();
        }
        // a row stored before fingerprints existed cannot prove it is the same input
        return prior.get().inputSha256().filter(inputSha256::equals).isPresent()
                ? new IdempotencyDecision.Replay(prior.get())
                : new IdempotencyDecision.Conflict();
    }
}
