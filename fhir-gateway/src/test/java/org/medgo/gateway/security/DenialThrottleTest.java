package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-source budget for auditing 401s one by one (issue 15, lower list: 166 audit rows a second). */
class DenialThrottleTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final DenialThrottle throttle = new DenialThrottle(3, 2, clock::get);

    @Test
    void aFloodIsAuditedUpToTheBudgetAndTheRestIsCountedOnTheNextAuditedDenial() {
        List<DenialThrottle.Verdict> first = admit("10.0.0.9", "no token", 1000);
        assertThat(first.stream().filter(DenialThrottle.Verdict.Audit.class::isInstance)).hasSize(3);
        assertThat(first.subList(3, 1000)).allMatch(DenialThrottle.Verdict.Count.class::isInstance);

        clock.addAndGet(DenialThrottle.MINUTE_MILLIS);
        assertThat(throttle.admit("10.0.0.9", "no token")).as("the next minute reports the 997 not audited")
                .isEqualTo(new DenialThrottle.Verdict.Audit(997));
        assertThat(throttle.admit("10.0.0.9", "no token")).isEqualTo(new DenialThrottle.Verdict.Audit(0));
    }

    @Test
    void eachSourceAndReasonHasItsOwnBudget() {
        admit("10.0.0.9", "no token", 50);

        assertThat(throttle.admit("10.0.0.9", "invalid token")).isEqualTo(new DenialThrottle.Verdict.Audit(0));
        assertThat(throttle.admit("192.168.1.4", "no token")).as("a third source shares the overflow bucket, still audited at first")
                .isEqualTo(new DenialThrottle.Verdict.Audit(0));
    }

    @Test
    void sprayingAddressesFillsOneSharedBucketNotMemory() {
        for (int i = 0; i < 10_000; i++) {
            throttle.admit("10.1." + (i / 256) + "." + (i % 256), "no token");
        }
        long audited = admit("10.9.9.9", "no token", 10).stream().filter(DenialThrottle.Verdict.Audit.class::isInstance).count();

        assertThat(audited).as("the overflow bucket's budget is long spent").isZero();
    }

    private List<DenialThrottle.Verdict> admit(String source, String reason, int n) {
        List<DenialThrottle.Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            verdicts.add(throttle.admit(source, reason));
        }
        return verdicts;
    }
}
