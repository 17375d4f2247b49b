package org.medgo.gateway.operations.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.SyntheticRecords;

/** The record text the model reads: every fact on a line with a citation key that is unique and stable. */
class RecordRendererTest {

    @Test
    void eachFactHasAKeyOfItsKindAndNotesAreKeyedBySentence() {
        Bundle bundle = SyntheticRecords.english(3, true).bundle();
        KeyedRecord record = RecordRenderer.render(bundle);

        assertThat(record.text()).contains("[PT1] Patient: ", "[E1] Encounter: ", "[C1] Condition: Hypertension", "[O1] Observation: Heart rate",
                "[O2] Observation: Troponin T", "[M1] Medication: Aspirin 100 mg", "[N1] Admission note:", "[R1] Report: EKG study");
        // the note's sentences, each citable on its own
        assertThat(record.text()).contains("\n[N1:1] Patient ", "\n[N1:2] Phone ", "\n[N1:4] Blood pressure 160/95 mmHg on admission.");
        assertThat(record.keys()).doesNotHaveDuplicates().contains("N1:1", "N1:4");
    }

    @Test
    void theSameBundleGivesTheSameKeysAndEveryKeyPointsAtItsEntry() {
        Bundle bundle = SyntheticRecords.chinese(8, false).bundle();
        KeyedRecord first = RecordRenderer.render(bundle);
        assertThat(RecordRenderer.render(bundle.copy())).isEqualTo(first);
        for (RecordLine line : first.lines()) {
            String type = bundle.getEntry().get(line.entry()).getResource().fhirType();
            String kind = line.key().replaceAll("\\d.*", "");
            assertThat(List.of(type)).as(line.key()).containsAnyOf(switch (kind) {
                case "PT" -> "Patient";
                case "E" -> "Encounter";
                case "C" -> "Condition";
                case "O" -> "Observation";
                case "M" -> "MedicationRequest";
                case "N" -> "DocumentReference";
                case "R" -> "DiagnosticReport";
                default -> "?";
            });
        }
        // Chinese notes split at 。
        assertThat(first.keys().stream().filter(k -> k.startsWith("N1:")).count()).isGreaterThan(2);
        assertThat(new HashSet<>(first.keys())).hasSameSizeAs(first.keys());
    }
}
