package org.medgo.gateway.security;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many 401s a source may put in the audit trail (issue 15, lower list: unauthenticated requests wrote a
 * hash-chained audit row each, ~166/s, with no limit). Per source address and reason, the first
 * {@code perMinute} denials of each minute are audited one by one; the rest are counted, and the count is
 * reported on that source's next audited denial, so the trail still says how many there were. Memory is
 * bounded: beyond {@code maxSources} addresses every new one shares a single bucket.
 */
final class DenialThrottle {

    /** What to do with one denial. */
    sealed interface Verdict {
        /** Audit it; {@code suppressedBefore} denials of this source and reason were not audited one by one since the last one. */
        record Audit(long suppressedBefore) implements Verdict {}

        /** Count it only. */
        record Count() implements Verdict {}
    }

    static final long MINUTE_MILLIS = 60_000;
    static final String OTHER_SOURCES = "other";

    private final int perMinute;
    private final int maxSources;
    private final LongSupplier clockMillis;
    private final Map<String, Window> windows = new HashMap<>();

    DenialThrottle(int perMinute, int maxSources, LongSupplier clockMillis) {
        this.perMinute = perMinute;
        this.maxSources = maxSources;
        this.clockMillis = clockMillis;
    }

    synchronized Verdict admit(String source, String reason) {
        long now = clockMillis.getAsLong();
        String key = source + " " + reason;
        if (!windows.containsKey(key) && windows.size() >= maxSources) {
            key = OTHER_SOURCES + " " + reason;
        }
        Window w = windows.get(key);
        if (w == null || now - w.start >= MINUTE_MILLIS) {
            long carried = w == null ? 0 : w.unreported + w.counted;
            w = new Window(now, carried);
            windows.put(key, w);
            windows.values().removeIf(old -> now - old.start >= 10 * MINUTE_MILLIS && old.unreported + old.counted == 0);
        }
        if (w.audited < perMinute) {
            w.audited++;
            long report = w.unreported;
            w.unreported = 0;
            return new Verdict.Audit(report);
        }
        w.counted++;
        return new Verdict.Count();
    }

    private static final class Window {
        final long start;
        int audited;
        long counted;
        /** Counted in earlier windows, not yet reported. */
        long unreported;

        Window(long start, long unreported) {
            this.start = start;
            this.unreported = unreported;
        }
    }
}
