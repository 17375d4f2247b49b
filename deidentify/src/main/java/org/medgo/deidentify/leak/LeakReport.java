package org.medgo.deidentify.leak;

import java.util.List;
import java.util.Map;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Span;

/**
 * Result of a leak scan: the output with leaked identifiers replaced by {@code [REDACTED_TYPE]}, where
 * they were (offsets into the scanned text) and how many per type. No values.
 */
public record LeakReport(String text, List<Span> leaks, Map<PhiType, Integer> counts) {
    public LeakReport {
        leaks = List.copyOf(leaks);
        counts = Map.copyOf(counts);
    }

    public boolean clean() {
        return leaks.isEmpty();
    }
}
