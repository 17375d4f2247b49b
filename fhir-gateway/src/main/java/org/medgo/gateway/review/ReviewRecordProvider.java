package org.medgo.gateway.review;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.gateway.operations.citation.SourceLine;
import org.medgo.gateway.operations.composition.CompositionStore;

/**
 * {@code GET /fhir/Composition/{id}/$review-record}: the record a draft was made from, as the clinician knows
 * it (de-identification reversed), one {@code line} per record line: {@code key} (the citation key the draft's
 * statements use, absent for headings), {@code source} (the EMR's resource), {@code text}. The review page
 * shows it beside the draft. Needs {@code Composition.r}, like {@code $document}.
 */
public class ReviewRecordProvider {

    private final CompositionStore store;

    ReviewRecordProvider(CompositionStore store) {
        this.store = store;
    }

    @Operation(name = "$review-record", type = Composition.class, idempotent = true)
    @Description(shortDefinition = "The record an AI draft was made from, re-identified, with its citation keys")
    public Parameters record(@IdParam IdType id) {
        Composition c = store.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(new IdType("Composition", id.getIdPart())));
        Parameters out = new Parameters();
        out.addParameter("subject", c.getSubject().copy());
        for (SourceLine line : store.sourceRecord(c.getIdPart())) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("line");
            if (line.key() != null) p.addPart().setName("key").setValue(new StringType(line.key()));
            if (line.reference() != null) p.addPart().setName("source").setValue(new Reference(line.reference()));
            p.addPart().setName("text").setValue(new StringType(line.text()));
        }
        return out;
    }
}
