package org.medgo.gateway.operations.composition;

import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.StringType;

/**
 * Tells the reviewing clinician that the draft was made from part of the record (the patient's other encounters, or
 * facts left out to fit the model's context): the same sentence the model read at the end of the record.
 */
public final class RecordOmission {

    public static final String URL = "https://medgo.org/fhir/StructureDefinition/record-omitted";

    private RecordOmission() {}

    public static void label(Composition composition, String whatWasLeftOut) {
        composition.addExtension(URL, new StringType(whatWasLeftOut));
    }
}
