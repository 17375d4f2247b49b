package org.medgo.gateway.review;

import java.util.List;

/**
 * A clinician's decision on an AI draft. {@code sectionTexts}: replacement plain text for each section in
 * order (empty = approved as written); {@code reason}: why a draft was rejected.
 */
public record ReviewDecision(Kind kind, String reviewer, List<String> sectionTexts, String reason) {

    public enum Kind { APPROVE, REJECT }

    static final int MAX_SECTION_CHARS = 20_000;
    static final int MAX_REASON_CHARS = 1_000;

    public ReviewDecision {
        sectionTexts = sectionTexts == null ? List.of() : List.copyOf(sectionTexts);
    }
}
