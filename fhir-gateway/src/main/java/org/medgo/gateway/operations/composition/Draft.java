package org.medgo.gateway.operations.composition;

import java.util.function.UnaryOperator;

/**
 * What the model wrote, parsed from its JSON into typed fields, before it becomes FHIR. Its free texts hold
 * surrogates until {@link #mapTexts} re-identifies them (once, for the whole draft).
 *
 * @param <D> the draft's own type, so mapping keeps it
 */
public interface Draft<D extends Draft<D>> {

    /** The same draft with {@code text} applied to every free text a clinician will read. */
    D mapTexts(UnaryOperator<String> text);
}
