package org.medgo.deidentify.text;

import java.util.List;
import java.util.Map;
import org.medgo.deidentify.PhiType;

/**
 * De-identified text with the spans (offsets into the ORIGINAL text) that were replaced and the
 * number of replacements per type. Carries no original values.
 */
public record TextResult(String text, List<Span> spans, Map<PhiType, Integer> counts) {
    public TextResult {
        spans = List.copyOf(spans);
        counts = Map.copyOf(counts);
    }
}
