package org.medgo.deidentify.eval;

import java.util.ArrayList;
import java.util.List;
import org.medgo.deidentify.PhiType;

/** Appends text and records where the PHI and the must-keep clinical terms went. */
final class NoteBuilder {
    private final StringBuilder sb = new StringBuilder();
    private final List<LabelledNote.Phi> phi = new ArrayList<>();
    private final List<String> keep = new ArrayList<>();

    NoteBuilder t(String literal) {
        sb.append(literal);
        return this;
    }

    NoteBuilder p(PhiType type, String value) {
        int start = sb.length();
        sb.append(value);
        phi.add(new LabelledNote.Phi(type, start, sb.length(), value));
        return this;
    }

    NoteBuilder keep(String clinical) {
        sb.append(clinical);
        keep.add(clinical);
        return this;
    }

    LabelledNote build(String id, String language) {
        return new LabelledNote(id, language, sb.toString(), phi, keep);
    }
}
