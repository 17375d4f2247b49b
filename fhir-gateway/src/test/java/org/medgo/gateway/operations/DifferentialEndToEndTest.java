package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.AiLabels;
import org.medgo.gateway.operations.differential.DifferentialMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** $differential on Encounter and DiagnosticReport: constrained JSON → differential Conditions in a Composition. */
@GatewayTest
class DifferentialEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver modelBoundary;

    @Test
    void anEncounterDifferentialListsDifferentialConditionsReferencedFromTheComposition() throws Exception {
        SyntheticRecords.Record record = SyntheticRecords.english(3, false);
        int mark = modelBoundary.mark();
        HttpResponse<String> response = new FhirHttp(port).post("Encounter/$differential", record.bundle(), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        List<Condition> conditions = SummarizeEndToEndTest.resources(document, Condition.class);
        assertThat(conditions).isNotEmpty();
        assertThat(composition.getSectionFirstRep().getEntry()).extracting(Reference::getReference)
                .containsExactlyElementsOf(conditions.stream().map(c -> "Condition/" + c.getIdPart()).toList());
        for (Condition c : conditions) {
            assertThat(c.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("differential");
            assertThat(c.getSubject().getReference()).as("the received Patient's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Patient/" + record.patientId());
            assertThat(c.getExtensionByUrl(DifferentialMapper.LIKELIHOOD)).isNotNull();
            assertThat(AiLabels.isLabelled(c)).isTrue();
            assertThat(c.getText().getDivAsString()).startsWith("<div");
        }
        Provenance provenance = SummarizeEndToEndTest.resources(document, Provenance.class).getFirst();
        assertThat(provenance.getTarget()).hasSize(1 + conditions.size());
        // the whole document as a client checks it: R4 core and the definitions the gateway serves, nothing lenient
        assertThat(R4CoreValidator.errors(R4CoreValidator.servedBy(new FhirHttp(port)), document)).as("R4 validation of the document").isEmpty();
        assertThat(DocumentReferencesCheck.unresolved(document)).as("references that do not resolve in the document").isEmpty();
        String seen = modelBoundary.since(mark).getFirst();
        record.identifiers().forEach(id -> assertThat(seen).doesNotContain(id));
    }

    @Test
    void aReportDifferentialTakesParametersWithALanguageOverride() throws Exception {
        SyntheticRecords.Record record = SyntheticRecords.english(4, true);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("bundle").setResource(record.bundle());
        parameters.addParameter("language", new StringType("zh"));

        HttpResponse<String> response = new FhirHttp(port).post("DiagnosticReport/$differential", parameters, Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getLanguage()).isEqualTo("zh");
        assertThat(composition.getEncounter().getReference()).as("the received Encounter's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Encounter/" + record.encounterId());
        assertThat(SummarizeEndToEndTest.resources(document, Provenance.class).getFirst().getEntityFirstRep().getWhat()
                .getIdentifier().getValue()).isEqualTo("differential-v2.zh");

        // the report analysed: the Composition's event and every Condition's evidence point at its entry
        String report = composition.getEventFirstRep().getDetailFirstRep().getReference();
        assertThat(document.getEntry()).as("the DiagnosticReport is in the document under " + report)
                .anySatisfy(e -> {
                    assertThat(e.getFullUrl()).isEqualTo(report);
                    assertThat(e.getResource().fhirType()).isEqualTo("DiagnosticReport");
                });
        List<Condition> conditions = SummarizeEndToEndTest.resources(document, Condition.class).stream()
                .filter(c -> c.hasExtension(org.medgo.gateway.operations.differential.DifferentialMapper.LIKELIHOOD)).toList(); // generated ones, not cited EMR Conditions
        assertThat(conditions).isNotEmpty().allSatisfy(c -> assertThat(c.getEvidence())
                .anySatisfy(ev -> assertThat(ev.getDetailFirstRep().getReference()).isEqualTo(report)));
        assertThat(R4CoreValidator.errors(R4CoreValidator.servedBy(new FhirHttp(port)), document)).as("R4 validation of the document").isEmpty();
        assertThat(DocumentReferencesCheck.unresolved(document)).isEmpty();
    }
}
