package org.medgo.gateway.operations.prompt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A Bundle with a patient's whole history (Synthea's and many EMR exports' form) holds many encounters; the draft is
 * about one. This keeps the lines of the focal encounter, of resources tied to no encounter, and the conditions,
 * medications and allergies still active from any encounter, and leaves out the rest of the history.
 * Works on the rendered lines, so keys and entry positions stay as they are.
 */
public final class RecordScope {

    private RecordScope() {}

    /**
     * @param deidentified  the Bundle the record was rendered from (same entry order as the input)
     * @param focalEncounter the position of the focal Encounter in it
     */
    public static RecordFit.Fitted toEncounter(KeyedRecord record, Bundle deidentified, int focalEncounter) {
        List<Bundle.BundleEntryComponent> entries = deidentified.getEntry();
        long encounters = entries.stream().filter(e -> e.getResource() != null && "Encounter".equals(e.getResource().fhirType())).count();
        if (encounters < 2 || focalEncounter < 0 || focalEncounter >= entries.size()) {
            return new RecordFit.Fitted(record, Omitted.NOTHING);
        }
        Set<String> focal = namesOf(entries.get(focalEncounter));
        Set<Integer> left = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (r == null || i == focalEncounter) continue;
            boolean otherEncounter = "Encounter".equals(r.fhirType());
            Reference context = encounterOf(r);
            boolean elsewhere = context != null && context.hasReference() && !focal.contains(context.getReference());
            if ((otherEncounter || elsewhere) && !stillActive(r)) {
                left.add(i);
            }
        }
        List<RecordLine> kept = record.lines().stream().filter(l -> !left.contains(l.entry())).toList();
        return new RecordFit.Fitted(new KeyedRecord(kept), new Omitted(0, 0, 0, left.size()));
    }

    /** The ways a reference inside the Bundle can name this entry: its fullUrl and {@code Encounter/id}. */
    private static Set<String> namesOf(Bundle.BundleEntryComponent entry) {
        Set<String> names = new HashSet<>();
        if (entry.hasFullUrl()) {
            names.add(entry.getFullUrl());
            int at = entry.getFullUrl().lastIndexOf("Encounter/");
            if (at >= 0) names.add(entry.getFullUrl().substring(at));
        }
        String id = entry.getResource().getIdElement().getIdPart();
        if (id != null) {
            names.add("Encounter/" + id);
            names.add("urn:uuid:" + id);
        }
        return names;
    }

    private static Reference encounterOf(Resource r) {
        if (r instanceof DocumentReference d) {
            return d.getContext().getEncounter().stream().findFirst().orElse(null);
        }
        return r.getNamedProperty("encounter") == null || !r.getNamedProperty("encounter").hasValues() ? null
                : (Reference) r.getNamedProperty("encounter").getValues().getFirst();
    }

    /** Problems, medications and allergies that still hold whatever encounter recorded them. */
    private static boolean stillActive(Resource r) {
        return switch (r) {
            case Condition c -> c.hasClinicalStatus() && c.getClinicalStatus().getCoding().stream()
                    .anyMatch(x -> Set.of("active", "recurrence", "relapse").contains(x.getCode()));
            case MedicationRequest m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE;
            case AllergyIntolerance a -> !a.hasClinicalStatus() || a.getClinicalStatus().getCoding().stream().anyMatch(x -> "active".equals(x.getCode()));
            default -> false;
        };
    }
}
