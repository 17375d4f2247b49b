package org.medgo.gateway.operations.pipeline;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.operations.validation.InputRefusal;

/**
 * The resources of an input record the output points at: the one Patient, the focal Encounter or
 * DiagnosticReport, and the encounter. References are to the REAL (input) ids, taken before de-identification.
 */
public record RecordParts(Patient patient, Reference patientRef, Resource focus, Reference focusRef, Optional<Reference> encounterRef) {

    private static final String URN_UUID = "urn:uuid:";

    public static RecordParts of(Bundle bundle, OperationKind kind) {
        List<Patient> patients = of(bundle, Patient.class);
        if (patients.size() != 1) {
            throw InputRefusal.unprocessable("Bundle.entry.resource.ofType(Patient)",
                    "the Bundle must hold exactly one Patient (found " + patients.size() + ")",
                    "send the one patient whom the record is about as a Patient entry");
        }
        List<? extends Resource> foci = of(bundle, kind.focus());
        if (foci.isEmpty()) {
            String type = kind.focus().getSimpleName();
            throw InputRefusal.unprocessable("Bundle.entry.resource.ofType(" + type + ")",
                    "the Bundle holds no " + type + " for " + kind.path(), "add the " + type + " the operation is about");
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

    /**
     * {@code Type/id} of the resource as the EMR knows it: its id, or a RESTful fullUrl. HAPI's parser gives a
     * resource whose fullUrl is {@code urn:uuid:X} the id {@code urn:uuid:X} (dropping {@code id} X, Synthea's and
     * many document/transaction senders' form); X is then its id.
     */
    private static Reference reference(Bundle bundle, Resource r, String type) {
        String id = r.hasIdElement() ? r.getIdElement().getValue() : null;
        if (id != null && id.startsWith(URN_UUID) && id.length() > URN_UUID.length()) {
            return new Reference(type + "/" + id.substring(URN_UUID.length()));
        }
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
        throw InputRefusal.unprocessable("Bundle.entry.resource.ofType(" + type + ").id",
                "the " + type + " has no id, so the generated document cannot point at it",
                "give the " + type + " its id in the EMR (Resource.id), or a fullUrl ending in " + type + "/<id>");
    }
}
