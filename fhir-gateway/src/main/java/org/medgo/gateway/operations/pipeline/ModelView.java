package org.medgo.gateway.operations.pipeline;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.gateway.operations.prompt.KeyedRecord;
import org.medgo.gateway.operations.prompt.PromptTemplate;

/**
 * What the model sees for a record: the de-identified Bundle, its language, the prompt template and the
 * record rendered into it (with its citation keys); {@code vaultId} holds the surrogates to re-identify the answer with.
 */
public record ModelView(Bundle deidentified, String language, PromptTemplate template, KeyedRecord keyed, UUID vaultId) {

    /** The record text in the prompt. */
    public String record() {
        return keyed.text();
    }
}
