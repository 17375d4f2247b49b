package org.medgo.gateway.operations.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A whole history in one Bundle: the draft's record is the focal encounter plus what still holds from the others. */
class RecordScopeTest {

    private static final String OLD = "urn:uuid:enc-2019";
    private static final String NOW = "urn:uuid:enc-2024";

    /** Entries: 0 Patient, 1 old Encounter, 2 current Encounter, then facts of either encounter or of none. */
    private static Bundle history() {
        Bundle b = new Bundle();
        add(b, "urn:uuid:pt", new Patient());
        add(b, OLD, new Encounter().setStatus(Encounter.EncounterStatus.FINISHED));
        add(b, NOW, new Encounter().setStatus(Encounter.EncounterStatus.INPROGRESS));
        add(b, "urn:uuid:o1", observation("Weight 2019", OLD));                                   // O1: left out
        add(b, "urn:uuid:o2", observation("Weight 2024", NOW));                                   // O2
        add(b, "urn:uuid:c1", condition("Acute bronchitis", "resolved", OLD));                   // C1: left out
        add(b, "urn:uuid:c2", condition("Hypertension", "active", OLD));                         // C2: still active
        add(b, "urn:uuid:m1", medication("Amoxicillin", MedicationRequest.MedicationRequestStatus.COMPLETED, OLD)); // M1: left out
        add(b, "urn:uuid:m2", medication("Lisinopril", MedicationRequest.MedicationRequestStatus.ACTIVE, OLD));    // M2: still taken
        AllergyIntolerance allergy = new AllergyIntolerance().setCode(new CodeableConcept().setText("Penicillin"));
        allergy.setEncounter(new Reference(OLD));
        add(b, "urn:uuid:a1", allergy);                                                           // A1: an allergy holds
        add(b, "urn:uuid:o3", observation("Smoking status", null));                               // O3: tied to no encounter
        return b;
    }

    @Test
    void keepsTheFocalEncounterWhatIsTiedToNoneAndWhatIsStillActiveLeavesTheRestAndCountsIt() {
        Bundle bundle = history();
        RecordFit.Fitted scoped = RecordScope.toEncounter(RecordRenderer.render(bundle), bundle, 2);
        List<String> keys = scoped.record().lines().stream().map(RecordLine::key).toList();
        assertThat(keys).containsExactly("PT1", "E2", "O2", "C2", "M2", "A1", "O3");
        assertThat(scoped.omitted()).isEqualTo(new Omitted(0, 0, 0, 4));
        assertThat(scoped.omitted().sentence()).startsWith("Not shown: 4 resources of the patient's other encounters");
    }

    @Test
    void referencesByTypeAndIdFindTheFocalEncounterToo() {
        Bundle bundle = history();
        bundle.getEntry().get(2).setFullUrl("https://emr.example.org/fhir/Encounter/e24").getResource().setId("e24");
        ((Observation) bundle.getEntry().get(4).getResource()).setEncounter(new Reference("Encounter/e24"));
        RecordFit.Fitted scoped = RecordScope.toEncounter(RecordRenderer.render(bundle), bundle, 2);
        assertThat(scoped.record().lines().stream().map(RecordLine::key)).contains("O2");
    }

    @Test
    void aBundleWithOneEncounterIsLeftAsItIs() {
        Bundle bundle = history();
        bundle.getEntry().remove(1);
        KeyedRecord record = RecordRenderer.render(bundle);
        assertThat(RecordScope.toEncounter(record, bundle, 1)).isEqualTo(new RecordFit.Fitted(record, Omitted.NOTHING));
    }

    private static Observation observation(String what, String encounter) {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().setText(what));
        o.setValue(new Quantity(1));
        o.setEffective(new DateTimeType("2024-03-05"));
        if (encounter != null) o.setEncounter(new Reference(encounter));
        return o;
    }

    private static Condition condition(String what, String status, String encounter) {
        Condition c = new Condition();
        c.setCode(new CodeableConcept().setText(what));
        c.setClinicalStatus(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", status, null)));
        c.setEncounter(new Reference(encounter));
        return c;
    }

    private static MedicationRequest medication(String what, MedicationRequest.MedicationRequestStatus status, String encounter) {
        MedicationRequest m = new MedicationRequest();
        m.setMedication(new CodeableConcept().setText(what));
        m.setStatus(status);
        m.setEncounter(new Reference(encounter));
        return m;
    }

    private static void add(Bundle b, String fullUrl, Resource r) {
        r.setId(fullUrl.substring(fullUrl.lastIndexOf(':') + 1));
        b.addEntry().setFullUrl(fullUrl).setResource(r);
    }
}
