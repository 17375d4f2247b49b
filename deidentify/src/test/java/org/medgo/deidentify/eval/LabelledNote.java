package org.medgo.deidentify.eval;

import java.util.List;
import org.medgo.deidentify.PhiType;

/** A synthetic note with its gold PHI spans and the clinical terms that must come through unchanged. */
public record LabelledNote(String id, String language, String text, List<Phi> phi, List<String> mustKeep) {
    public LabelledNote {
        phi = List.copyOf(phi);
        mustKeep = List.copyOf(mustKeep);
    }

    /** One gold PHI occurrence. */
    public record Phi(PhiType type, int start, int end, String value) {
    }
}
