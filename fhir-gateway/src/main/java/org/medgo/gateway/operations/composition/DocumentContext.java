package org.medgo.gateway.operations.composition;

import java.util.Date;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Reference;

/**
 * What every generated resource of one request shares. {@code patient} and {@code encounter} point at the
 * REAL (input) resources; {@code clinicianText} turns one model text field into what a clinician reads
 * (leak scan, then re-identification).
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
        UnaryOperator<String> clinicianText) {

    public boolean chinese() {
        return "zh".equals(language);
    }
}
