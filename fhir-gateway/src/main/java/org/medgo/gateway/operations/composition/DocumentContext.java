package org.medgo.gateway.operations.composition;

import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Reference;
import org.medgo.gateway.operations.citation.SourceIndex;

/**
 * What every generated resource of one request shares. {@code patient} and {@code encounter} point at the
 * REAL (input) resources; {@code sources} turns the record keys the model cited into references to the input
 * resources.
 */
public record DocumentContext(
        String compositionId,
        String requestId,
        Reference patient,
        Optional<Reference> encounter,
        Reference focus,
        String language,
        Date date,
        Device device,
        String templateId,
        SourceIndex sources) {

    public boolean chinese() {
        return "zh".equals(language);
    }
}
