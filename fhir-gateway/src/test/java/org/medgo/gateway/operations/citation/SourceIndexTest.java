package org.medgo.gateway.operations.citation;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.prompt.RecordRenderer;

/** Record keys → the input resources as the EMR knows them. */
class SourceIndexTest {

    @Test
    void keysResolveToTheEmrsIdsWhateverFormTheBundleGivesThem() throws Exception {
        Bundle input = new Bundle();
        input.addEntry().setFullUrl("http://emr/fhir/Patient/p1").setResource(new Patient().setId("p1"));
        // Synthea: urn:uuid fullUrl equal to the id
        Condition condition = new Condition();
        condition.setId("urn:uuid:4f8b2c1e-0000-4000-8000-000000000001");
        condition.setCode(new CodeableConcept().setText("Asthma"));
        input.addEntry().setFullUrl("urn:uuid:4f8b2c1e-0000-4000-8000-000000000001").setResource(condition);
        // no id, a RESTful fullUrl
        Observation observation = new Observation();
        observation.setCode(new CodeableConcept().setText("SpO2"));
        input.addEntry().setFullUrl("http://emr/fhir/Observation/o7").setResource(observation);

        // the de-identified copy has other (hashed) ids but the same entries in the same order
        Bundle deidentified = input.copy();
        deidentified.getEntry().forEach(e -> e.getResource().setId("hashed-" + e.getResource().fhirType()));
        SourceIndex index = SourceIndex.of(RecordRenderer.render(deidentified), input);

        assertThat(index.reference("PT1")).get().extracting(Reference::getReference).isEqualTo("Patient/p1");
        assertThat(index.reference("C1")).get().extracting(Reference::getReference).isEqualTo("Condition/4f8b2c1e-0000-4000-8000-000000000001");
        assertThat(index.reference("O1")).get().extracting(Reference::getReference).isEqualTo("Observation/o7");
        // an unknown key never becomes a reference; duplicates collapse
        assertThat(index.resolve(java.util.List.of("C1", "C9", "C1", "O1"))).extracting(Reference::getReference)
                .containsExactly("Condition/4f8b2c1e-0000-4000-8000-000000000001", "Observation/o7");
        assertThat(index.keys(java.util.List.of("C9", "O1", "O1"))).containsExactly("O1");
    }

    @Test
    void aRecordThatNoLongerLinesUpWithTheInputIsRefusedRatherThanMiscited() {
        Bundle input = new Bundle();
        input.addEntry().setResource(new Patient().setId("p1"));
        input.addEntry().setResource(new Condition().setCode(new CodeableConcept().setText("Asthma")).setId("c1"));
        input.addEntry().setResource(new Observation().setCode(new CodeableConcept().setText("SpO2")).setId("o1"));
        Bundle dropped = input.copy();
        dropped.getEntry().remove(1); // the Observation moves up to where the Condition was
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SourceIndex.of(RecordRenderer.render(dropped), input))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not match the input");
    }
}
