package org.medgo.gateway.operations.pipeline;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of an input record the output points at: the one Patient, the focal Encounter or
 * DiagnosticReport, and the encounter. References are to the REAL (input) ids, taken before de-identification.
 */
public record RecordParts(Patient patient, Reference patientRef, Resource focus, Reference focusRef, Optional<Reference> encounterRef) {

    public static RecordParts of(Bundle bundle, OperationKind kind) {
        List<Patient> patients = of(bundle, Patient.class);
        if (patients.size() != 1) {
            throw new UnprocessableEntityException("the Bundle must hold exactly one Patient (found " + patients.size() + ")");
        }
        List<? extends Resource> foci = of(bundle, kind.focus());
        if (foci.isEmpty()) {
            throw new UnprocessableEntityException("the Bundle holds no " + kind.focus().getSimpleName() + " for " + kind.path());
        }
        Patient patient = patients.getFirst();
        Resource focus = foci.getFirst();
        Reference patientRef = reference(bundle, patient, "Patient");
        Reference focusRef = reference(bundle, focus, focus.fhirType());
        Optional<Reference> encounter = switch (focus) {
            case Encounter e -> Optional.of(focusRef);
            case DiagnosticReport d when d.hasEncounter() && d.getEncounter().hasReference() ->
                    of(bundle, Encounter.class).stream().findFirst().map(e -> reference(bundle, e, "Encounter"))
                            .or(() -> Optional.of(new Reference(d.getEncounter().getReference())));
            default -> of(bundle, Encounter.class).stream().findFirst().map(e -> reference(bundle, e, "Encounter"));
        };
        return new RecordParts(patient, patientRef, focus, focusRef, encounter);
    }

    private static <T extends Resource> List<T> of(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    /** {@code Type/id} of the resource as the EMR knows it: its id, or a RESTful fullUrl. */
    private static Reference reference(Bundle bundle, Resource r, String type) {
        if (r.hasIdElement() && r.getIdElement().hasIdPart() && !r.getIdElement().getIdPart().startsWith("urn:")) {
            return new Reference(type + "/" + r.getIdElement().getIdPart());
        }
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() == r && e.hasFullUrl() && !e.getFullUrl().startsWith("urn:")) {
                String url = e.getFullUrl();
                int at = url.lastIndexOf(type + "/");
                if (at >= 0) return new Reference(url.substring(at));
            }
        }
        throw new UnprocessableEntityException("the " + type + " needs an id (the EMR's), so the output can point at it");
    }
}
