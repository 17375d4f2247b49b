package org.medgo.gateway.operations.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** A record too long for the model's context loses what a draft can best do without, oldest first. */
class RecordFitTest {

    /** Observations out of date order, two procedures, a note of three sentences; the other facts must stay. */
    private static Bundle record() {
        Bundle b = new Bundle();
        add(b, new Patient().setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE));
        add(b, new Encounter().setStatus(Encounter.EncounterStatus.FINISHED));
        add(b, new Condition().setCode(new CodeableConcept().setText("Hypertension")));
        add(b, new MedicationRequest().setMedication(new CodeableConcept().setText("Lisinopril 10 mg")));
        add(b, observation("Heart rate", "2024-03-05T10:00:00Z"));
        add(b, observation("Troponin T", "2024-03-01T08:00:00Z"));
        add(b, observation("Potassium", "2024-03-09T07:30:00Z"));
        add(b, new Procedure().setCode(new CodeableConcept().setText("Chest X-ray")).setPerformed(new DateTimeType("2024-03-02")));
        add(b, new Procedure().setCode(new CodeableConcept().setText("Echocardiogram")).setPerformed(new DateTimeType("2024-03-04")));
        DocumentReference note = new DocumentReference();
        note.setDescription("Progress note");
        note.addContent().setAttachment(new Attachment().setContentType("text/plain")
                .setData("Chest pain resolved. Walking on the ward. Plan discharge tomorrow.".getBytes(StandardCharsets.UTF_8)));
        add(b, note);
        return b;
    }

    @Test
    void dropsObservationsOldestFirstThenProceduresThenTheLastNoteSentencesAndKeepsEveryKey() {
        Bundle bundle = record();
        KeyedRecord full = RecordRenderer.render(bundle);
        int length = full.text().length();
        record Case(int charsToLose, List<String> gone, Omitted omitted) {}
        List<Case> cases = List.of(
                new Case(0, List.of(), Omitted.NOTHING),
                new Case(1, List.of("O2"), new Omitted(1, 0, 0, 0)),                             // Troponin, 1 March: the oldest
                new Case(lineLength(full, "O2") + 1, List.of("O2", "O1"), new Omitted(2, 0, 0, 0)),
                new Case(allOf(full, "O1", "O2", "O3") + 1, List.of("O1", "O2", "O3", "P1"), new Omitted(3, 1, 0, 0)),
                new Case(allOf(full, "O1", "O2", "O3", "P1", "P2") + 1, List.of("O1", "O2", "O3", "P1", "P2", "N1:3"), new Omitted(3, 2, 1, 0)));
        for (Case c : cases) {
            RecordFit.Fitted fitted = RecordFit.fit(full, bundle, length - c.charsToLose());
            List<String> kept = fitted.record().lines().stream().map(RecordLine::key).toList();
            assertThat(full.lines().stream().map(RecordLine::key).filter(k -> !kept.contains(k)).toList())
                    .as("left out when %d characters must go", c.charsToLose()).containsExactlyInAnyOrderElementsOf(c.gone());
            assertThat(fitted.omitted()).isEqualTo(c.omitted());
            assertThat(fitted.record().text().length()).isLessThanOrEqualTo(length - c.charsToLose());
            // a kept line keeps its key and text: citations still point at the same source
            assertThat(full.lines()).containsAll(fitted.record().lines());
        }
    }

    @Test
    void thePatientTheEncounterConditionsMedicationsAndTheNoteTitleAlwaysStay() {
        Bundle bundle = record();
        KeyedRecord full = RecordRenderer.render(bundle);
        RecordFit.Fitted fitted = RecordFit.fit(full, bundle, 1);
        assertThat(fitted.record().lines().stream().map(RecordLine::key)).containsExactly("PT1", "E1", "C1", "M1", "N1");
        assertThat(fitted.omitted()).isEqualTo(new Omitted(3, 2, 3, 0));
        assertThat(fitted.omitted().sentence())
                .isEqualTo("Not shown, to fit the model's context: the 3 observations, 2 procedures, 3 note sentences "
                        + "(the oldest observations and procedures first, then the last sentences of notes and reports).");
    }

    private static int lineLength(KeyedRecord r, String key) {
        return r.lines().stream().filter(l -> key.equals(l.key())).findFirst().orElseThrow().rendered().length() + 1;
    }

    private static int allOf(KeyedRecord r, String... keys) {
        int n = 0;
        for (String k : keys) n += lineLength(r, k);
        return n;
    }

    private static Observation observation(String what, String when) {
        Observation o = new Observation();
        o.setCode(new CodeableConcept().setText(what));
        o.setValue(new Quantity(1));
        o.setEffective(new DateTimeType(when));
        return o;
    }

    private static void add(Bundle b, Resource r) {
        b.addEntry().setResource(r);
    }
}
