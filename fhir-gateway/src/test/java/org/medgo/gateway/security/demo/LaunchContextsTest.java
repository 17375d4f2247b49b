package org.medgo.gateway.security.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Issue 15, lower list (demo profile): 10,001 unauthenticated launches locked the demo launch for 10 minutes. */
class LaunchContextsTest {

    @Test
    void aFloodOfLaunchesDoesNotLockOutTheNextOne() {
        Instant start = Instant.parse("2026-12-01T08:00:00Z");
        MutableClock clock = new MutableClock(start);
        LaunchContexts launches = new LaunchContexts(clock);
        String first = launches.create("flood-0", null);
        for (int i = 1; i <= LaunchContexts.MAX; i++) {
            clock.now = start.plusMillis(i);
            launches.create("flood-" + i, null);
        }

        clock.now = start.plus(Duration.ofMinutes(1));
        String clinician = launches.create("p-real", "e-real");

        assertThat(launches.resolve(clinician)).get().extracting(LaunchContexts.Context::patient).isEqualTo("p-real");
        assertThat(launches.resolve(first)).as("the oldest launch gave way").isEmpty();
    }

    /** A clock the test moves (java.time's own fixed clock cannot move). */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
