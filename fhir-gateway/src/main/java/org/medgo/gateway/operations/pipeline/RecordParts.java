package org.medgo.gateway.operations.pipeline;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.operations.composition.ReceivedResource;
import org.medgo.gateway.operations.validation.InputRefusal;

/**
 * The resources of an input record the output points at: the one Patient, the focal Encounter or
 * DiagnosticReport, and the encounter (and where it stands in the Bundle, -1 when the Bundle does not hold it).
 * References are to the REAL (input) ids, taken before de-identification.
 */
public record RecordParts(Patient patient, Reference patientRef, Resource focus, Reference focusRef, Optional<Reference> encounterRef,
                          int encounterEntry) {

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
        Resource focus = latest(foci);
        Reference patientRef = reference(bundle, patient, "Patient");
        Reference focusRef = reference(bundle, focus, focus.fhirType());
        Optional<Reference> reportsEncounter = focus instanceof DiagnosticReport d && d.hasEncounter() && d.getEncounter().hasReference()
                ? Optional.of(new Reference(d.getEncounter().getReference())) : Optional.empty();
        // the encounter the output is about, when the Bundle holds it
        Optional<Encounter> held = switch (focus) {
            case Encounter e -> Optional.of(e);
            case DiagnosticReport d when reportsEncounter.isPresent() -> of(bundle, Encounter.class).stream()
                    .filter(e -> names(bundle, e).contains(reportsEncounter.get().getReference())).findFirst();
            default -> Optional.ofNullable(latest(of(bundle, Encounter.class)));
        };
        Optional<Reference> encounter = held.map(e -> reference(bundle, e, "Encounter")).or(() -> reportsEncounter);
        return new RecordParts(patient, patientRef, focus, focusRef, encounter, held.map(e -> entryOf(bundle, e)).orElse(-1));
    }

    /** Where the most recent Encounter stands in the Bundle, or -1 when it holds none (a summary's encounter). */
    public static int latestEncounterEntry(Bundle bundle) {
        Encounter latest = latest(of(bundle, Encounter.class));
        return latest == null ? -1 : entryOf(bundle, latest);
    }

    private static int entryOf(Bundle bundle, Resource r) {
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() == r) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A Bundle with the patient's whole history holds many encounters and reports: the draft is about the most recent
     * (the one the clinician is looking at), not the first the export happened to list.
     */
    private static <T extends Resource> T latest(List<T> candidates) {
        T best = null;
        java.util.Date bestWhen = null;
        for (T r : candidates) {
            java.util.Date when = switch (r) {
                case Encounter e when e.hasPeriod() -> e.getPeriod().getStart();
                case DiagnosticReport d when d.hasEffectiveDateTimeType() -> d.getEffectiveDateTimeType().getValue();
                case DiagnosticReport d when d.hasEffectivePeriod() -> d.getEffectivePeriod().getStart();
                case DiagnosticReport d when d.hasIssued() -> d.getIssued();
                default -> null;
            };
            if (best == null || (when != null && (bestWhen == null || when.after(bestWhen)))) {
                best = r;
                bestWhen = when;
            }
        }
        return best;
    }

    /** How references inside the Bundle may name this resource: its fullUrl and {@code Type/id}. */
    private static java.util.Set<String> names(Bundle bundle, Resource r) {
        java.util.Set<String> names = new java.util.HashSet<>();
        bundle.getEntry().stream().filter(e -> e.getResource() == r && e.hasFullUrl()).forEach(e -> names.add(e.getFullUrl()));
        names.add(reference(bundle, r, r.fhirType()).getReference());
        return names;
    }

    /**
     * The received resources the document refers to (the Patient, the encounter when the Bundle has it, a
     * focal DiagnosticReport), copied with the ids the output uses and the fullUrls they came with when those
     * can stand in a document (absolute, or urn:uuid / urn:oid).
     */
    public List<ReceivedResource> received(Bundle bundle, java.util.Set<String> referenced) {
        List<ReceivedResource> out = new java.util.ArrayList<>();
        out.add(received(bundle, patient, patientRef));
        encounterRef.flatMap(ref -> of(bundle, Encounter.class).stream()
                        .filter(e -> ref.getReference().equals(reference(bundle, e, "Encounter").getReference())).findFirst()
                        .map(e -> received(bundle, e, ref)))
                .ifPresent(out::add);
        if (focus instanceof DiagnosticReport) {
            out.add(received(bundle, focus, focusRef));
        }
        // the record's resources the draft cites (Observations, notes...), so that its citations resolve too
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (r == null || r == patient || r == focus || out.stream().anyMatch(x -> x.reference().equals(r.fhirType() + "/" + idOf(r)))) {
                continue;
            }
            String ref = r.fhirType() + "/" + idOf(r);
            if (referenced.contains(ref)) {
                out.add(received(bundle, r, new Reference(ref)));
            }
        }
        return out;
    }

    private static String idOf(Resource r) {
        String id = r.getIdElement().getValue();
        if (id != null && id.startsWith(URN_UUID)) return id.substring(URN_UUID.length());
        return r.getIdElement().getIdPart();
    }

    private static ReceivedResource received(Bundle bundle, Resource r, Reference ref) {
        String fullUrl = bundle.getEntry().stream().filter(e -> e.getResource() == r).map(Bundle.BundleEntryComponent::getFullUrl)
                .filter(u -> u != null && (u.startsWith("http://") || u.startsWith("https://") || u.startsWith(URN_UUID) || u.startsWith("urn:oid:")))
                .findFirst().orElse(null);
        Resource copy = r.copy();
        copy.setId(ref.getReference());
        return new ReceivedResource(fullUrl, copy);
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
