package org.medgo.deidentify.text;

import java.util.List;

/** One family of rules; appends the spans it finds. Implementations are immutable and thread-safe. */
interface Detector {
    void detect(String text, Language language, List<Span> out);
}
