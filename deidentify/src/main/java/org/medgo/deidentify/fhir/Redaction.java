package org.medgo.deidentify.fhir;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.medgo.deidentify.PhiType;

/** {@link Method#REDACT}: the value goes, with its extensions; a narrative becomes "[REDACTED]". */
final class Redaction implements ElementMethod {
    private final Visited visited;

    Redaction(Visited visited) {
        this.visited = visited;
    }

    @Override
    public void apply(Base b, PhiType type) {
        if (b instanceof Narrative n) {
            n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">[REDACTED]</div>");
            visited.done(n);
            return;
        }
        if (b instanceof Element e) {
            e.getExtension().clear();
        }
        if (b instanceof PrimitiveType<?> p) {
            p.setValueAsString(null);
            visited.done(p);
            return;
        }
        Visited.forEachElement(b, v -> apply(v, type));
        visited.done(b);
    }
}
