package org.medgo.gateway.ehr;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Every call to the EMR goes through here: refused at once while the circuit is open; retried with
 * exponential backoff and jitter (or the EMR's {@code Retry-After}, capped) on connection failures, 408,
 * 429 and 5xx, up to {@code maxAttempts}; on 401 the token is dropped and the call made once more with a new
 * one (the EMR may have revoked or expired it early). Other 4xx are the caller's and go back unchanged.
 */
final class RetryingCalls {

    /** Sleeps between attempts; tests of the policy replace it. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final CircuitBreaker breaker;
    private final AccessTokens token;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Pause pause;

    RetryingCalls(CircuitBreaker breaker, AccessTokens token, int maxAttempts, Duration initialBackoff,
            Duration maxBackoff, Pause pause) {
        this.breaker = breaker;
        this.token = token;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.pause = pause;
    }

    <T> T call(String what, Supplier<T> call) {
        boolean reauthenticated = false;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            if (!breaker.allow()) {
                throw new EhrUnavailableException("the EMR is failing; calls are paused (circuit open) — " + what, last);
            }
            Duration wait;
            try {
                T result = call.get();
                breaker.succeeded();
                return result;
            } catch (AuthenticationException e) {
                breaker.succeeded();
                token.invalidate();
                if (reauthenticated) {
                    throw new EhrUnavailableException("the EMR refused the gateway's token twice: " + what, e);
                }
                reauthenticated = true;
                attempt--;
                continue;
            } catch (FhirClientConnectionException e) {
                breaker.failed();
                last = e;
                wait = backoff(attempt);
            } catch (EhrUnavailableException e) {
                breaker.failed();
                last = e;
                wait = backoff(attempt);
            } catch (BaseServerResponseException e) {
                if (!retryable(e.getStatusCode())) {
                    breaker.succeeded();
                    throw e;
                }
                breaker.failed();
                last = e;
                wait = retryAfter(e).orElse(backoff(attempt));
            }
            if (attempt < maxAttempts) {
                try {
                    pause.pause(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EhrUnavailableException("interrupted while waiting to retry " + what, e);
                }
            }
        }
        throw last instanceof EhrUnavailableException u ? u
                : new EhrUnavailableException("the EMR failed " + maxAttempts + " times: " + what + " (" + describe(last) + ")", last);
    }

    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxBackoff.toMillis());
        // full jitter on the upper half, so that many gateways do not retry in step
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private java.util.Optional<Duration> retryAfter(BaseServerResponseException e) {
        Map<String, List<String>> headers = e.getResponseHeaders();
        if (headers == null) {
            return java.util.Optional.empty();
        }
        for (var entry : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(entry.getKey()) && !entry.getValue().isEmpty()) {
                try {
                    long seconds = Long.parseLong(entry.getValue().getFirst().strip());
                    return java.util.Optional.of(Duration.ofSeconds(Math.max(0, seconds)).compareTo(maxBackoff) > 0
                            ? maxBackoff : Duration.ofSeconds(Math.max(0, seconds)));
                } catch (NumberFormatException ignored) {
                    return java.util.Optional.empty(); // an HTTP date: use our own backoff
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String describe(RuntimeException e) {
        if (e instanceof BaseServerResponseException b) {
            return "HTTP " + b.getStatusCode();
        }
        return e == null ? "unknown" : e.getClass().getSimpleName();
    }
}
