package org.medgo.gateway.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The retry policy for calls to the EMR, with the pauses recorded instead of slept. */
class RetryingCallsTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final MutableClock clock = new MutableClock();
    private final CountingTokens tokens = new CountingTokens();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
    private final RetryingCalls calls = new RetryingCalls(breaker, tokens, 4, Duration.ofMillis(100), Duration.ofSeconds(2), pauses::add);

    @Test
    void unavailableTwiceThenCreatedIsOneSuccessAfterTwoBackedOffPauses() {
        String result = calls.call("create", answers(new UnclassifiedServerFailureException(503, "busy"),
                new UnclassifiedServerFailureException(429, "slow down"), "created"));
        assertThat(result).isEqualTo("created");
        assertThat(pauses).hasSize(2);
        assertThat(pauses.get(0)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(pauses.get(1)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aClientErrorIsNotRetried() {
        assertThatThrownBy(() -> calls.call("create", answers(new InvalidRequestException("bad"), "never")))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aRefusedTokenIsDroppedAndTheCallMadeOnceMoreWithoutCountingAsAFailure() {
        String result = calls.call("read", answers(new AuthenticationException("expired"), "read"));
        assertThat(result).isEqualTo("read");
        assertThat(tokens.invalidated).isEqualTo(1);
        assertThat(pauses).isEmpty();
        assertThatThrownBy(() -> calls.call("read", answers(new AuthenticationException("no"), new AuthenticationException("no"))))
                .isInstanceOf(EhrUnavailableException.class);
    }

    @Test
    void afterEnoughFailuresTheCircuitOpensAndCallsFailAtOnceUntilATrialSucceeds() {
        Supplier<String> failing = () -> { throw new InternalErrorException("down"); };
        assertThatThrownBy(() -> calls.call("read", failing)).isInstanceOf(EhrUnavailableException.class);
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = pauses.size();
        assertThatThrownBy(() -> calls.call("read", () -> "unreached")).hasMessageContaining("circuit open");
        assertThat(pauses).hasSize(before);

        clock.advance(Duration.ofSeconds(31));
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(calls.call("read", () -> "back")).isEqualTo("back");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void retryableStatuses() {
        assertThat(List.of(408, 429, 500, 502, 503, 504).stream().allMatch(RetryingCalls::retryable)).isTrue();
        assertThat(List.of(400, 401, 403, 404, 409, 412, 422).stream().noneMatch(RetryingCalls::retryable)).isTrue();
    }

    private static Supplier<String> answers(Object... answers) {
        Iterator<Object> next = List.of(answers).iterator();
        return () -> {
            Object a = next.next();
            if (a instanceof RuntimeException e) throw e;
            return (String) a;
        };
    }

    private static final class CountingTokens implements AccessTokens {
        int invalidated;

        @Override
        public String accessToken() {
            return "t";
        }

        @Override
        public void invalidate() {
            invalidated++;
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
