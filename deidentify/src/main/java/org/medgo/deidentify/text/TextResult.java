package org.medgo.deidentify.text;

import java.util.List;
import java.util.Map;
import org.medgo.deidentify.PhiType;

/**
 * De-identified text with the spans (offsets into the ORIGINAL text) that were replaced, what each was
 * replaced with (surrogate, shifted date or 90+), and the number of replacements per type. Carries no
 * original values.
 */
public record TextResult(String text, List<Span> spans, List<String> replacements, Map<PhiType, Integer> counts) {
    public TextResult {
        if (spans.size() != replacements.size()) {
            throw new IllegalArgumentException("one replacement per span");
        }
        spans = List.copyOf(spans);
        replacements = List.copyOf(replacements);
        counts = Map.copyOf(counts);
    }
}
