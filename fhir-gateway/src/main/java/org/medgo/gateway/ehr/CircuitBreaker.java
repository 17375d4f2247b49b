package org.medgo.gateway.ehr;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * After {@code threshold} failed calls in a row the EMR is left alone for {@code openFor} (calls fail at
 * once, the EMR gets room to recover); then one trial call decides: success closes the circuit, failure
 * opens it again.
 */
final class CircuitBreaker {

    enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openedAt;
    private boolean trialRunning;

    CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    synchronized State state() {
        if (openedAt == null) {
            return State.CLOSED;
        }
        return clock.instant().isBefore(openedAt.plus(openFor)) ? State.OPEN : State.HALF_OPEN;
    }

    /** Whether a call may go out now (in HALF_OPEN only the one trial call may). */
    synchronized boolean allow() {
        return switch (state()) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialRunning) {
                    yield false;
                }
                trialRunning = true;
                yield true;
            }
        };
    }

    synchronized void succeeded() {
        failures = 0;
        openedAt = null;
        trialRunning = false;
    }

    synchronized void failed() {
        trialRunning = false;
        failures++;
        if (failures >= threshold || openedAt != null) {
            openedAt = clock.instant();
        }
    }
}
