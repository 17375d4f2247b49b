package org.medgo.gateway.operations.pipeline;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.gateway.operations.prompt.KeyedRecord;
import org.medgo.gateway.operations.prompt.Omitted;
import org.medgo.gateway.operations.prompt.PromptTemplate;
import org.medgo.gateway.operations.prompt.RecordFit;

/**
 * What the model sees for a record: the de-identified Bundle, its language, the prompt template and the
 * record rendered into it (with its citation keys); {@code vaultId} holds the surrogates to re-identify the answer with;
 * {@code omitted} what was left out of the record to fit the model's context.
 */
public record ModelView(Bundle deidentified, String language, PromptTemplate template, KeyedRecord keyed, UUID vaultId,
                        Omitted omitted) {

    /** The record text in the prompt, saying what it leaves out. */
    public String record() {
        return omitted.any() ? keyed.text() + "\n" + omitted.sentence() : keyed.text();
    }

    /** The same view with the record shortened to {@code maxChars} characters of record text. */
    ModelView fittedTo(int maxChars) {
        RecordFit.Fitted fitted = RecordFit.fit(keyed, deidentified, maxChars);
        return new ModelView(deidentified, language, template, fitted.record(), vaultId, omitted.plus(fitted.omitted()));
    }
}
