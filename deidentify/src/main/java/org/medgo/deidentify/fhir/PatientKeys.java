package org.medgo.deidentify.fhir;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Which patient a resource is about ("Patient/id"), so its dates move by that patient's offset. A
 * resource that names no patient belongs to the only patient of the bundle, if there is exactly one.
 */
final class PatientKeys {
    private static final String[] PATIENT_ELEMENTS = {"subject", "patient", "beneficiary"};

    private final ReferenceHasher references;
    private final String singlePatient;

    PatientKeys(Resource root, ReferenceHasher references) {
        this.references = references;
        List<String> patients = new ArrayList<>();
        if (root instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                String key = ReferenceHasher.keyOf(e);
                if (key != null && e.getResource().fhirType().equals("Patient")) {
                    patients.add(key);
                }
            }
        } else if (root.fhirType().equals("Patient") && root.getIdElement().hasIdPart()) {
            patients.add("Patient/" + root.getIdElement().getIdPart());
        }
        this.singlePatient = patients.size() == 1 ? patients.get(0) : null;
    }

    /** The patient key of {@code r}, or null when it cannot be told. */
    String of(Resource r) {
        if (r.fhirType().equals("Patient")) {
            return r.getIdElement().hasIdPart() ? "Patient/" + r.getIdElement().getIdPart() : singlePatient;
        }
        for (String name : PATIENT_ELEMENTS) {
            Property p = r.getNamedProperty(name);
            if (p == null || !p.hasValues()) {
                continue;
            }
            for (Base v : p.getValues()) {
                if (v instanceof Reference ref && ref.hasReference()) {
                    String key = references.normalise(ref.getReference());
                    if (key != null && key.startsWith("Patient/")) {
                        return key;
                    }
                }
            }
        }
        return singlePatient;
    }
}
