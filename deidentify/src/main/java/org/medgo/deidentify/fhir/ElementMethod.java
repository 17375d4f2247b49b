package org.medgo.deidentify.fhir;

import org.hl7.fhir.r4.model.Base;
import org.medgo.deidentify.PhiType;

/**
 * One de-identification {@link Method} applied to one element a rule or a data-type default selected.
 * {@code type} is the rule's PHI type, or null where the element's own type decides. One instance per
 * scrub (it shares that scrub's {@link Visited} and session); single thread.
 */
interface ElementMethod {
    void apply(Base element, PhiType type);
}
