package org.medgo.gateway.operations.composition;

import org.hl7.fhir.r4.model.Resource;

/**
 * A resource of the EMR's record that a generated document refers to (the Patient, the Encounter, the
 * DiagnosticReport), as received, with the fullUrl it came with (null when it had none usable in a document).
 */
public record ReceivedResource(String fullUrl, Resource resource) {

    /** {@code Type/id}: how the generated resources refer to it. */
    public String reference() {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }
}
