package org.medgo.deidentify.fhir;

import java.util.Objects;
import org.medgo.deidentify.PhiType;

/**
 * One rule: a FHIRPath expression evaluated on each resource (and each contained resource), the method
 * applied to what it selects, and the PHI type used for surrogates and audit counts.
 */
public record Rule(String path, Method method, PhiType type) {
    public Rule {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        if (method == Method.SURROGATE && type == null) {
            throw new IllegalArgumentException("surrogate rule needs a type: " + path);
        }
    }
}
