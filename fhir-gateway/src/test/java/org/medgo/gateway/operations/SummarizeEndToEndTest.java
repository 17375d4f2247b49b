package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.AiLabels;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** $summarize through HTTP, the real de-identifier, the demo model and PostgreSQL. */
@GatewayTest
class SummarizeEndToEndTest {

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver modelBoundary;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void aFinishedInpatientEncounterGivesAPreliminaryDischargeSummaryForTheRealPatient() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(1, true);
        int mark = modelBoundary.mark();

        HttpResponse<String> response = http.post("Encounter/$summarize", record.bundle(), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Server-Timing")).get().asString().contains("model;dur=");
        Bundle document = FhirHttp.parse(Bundle.class, response);
        assertThat(document.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("18842-5");
        assertThat(composition.getSubject().getReference()).as("the received Patient's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Patient/" + record.patientId());
        assertThat(composition.getEncounter().getReference()).as("the received Encounter's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Encounter/" + record.encounterId());
        assertThat(composition.getSection()).extracting(s -> s.getCode().getCodingFirstRep().getCode())
                .containsExactly("8648-8", "11535-2", "10183-2", "18776-5");
        assertThat(AiLabels.isLabelled(composition)).isTrue();
        assertThat(composition.getLanguage()).isEqualTo("en");

        Provenance provenance = resources(document, Provenance.class).getFirst();
        assertThat(provenance.getTargetFirstRep().getReference()).isEqualTo("Composition/" + composition.getIdPart());
        assertThat(provenance.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo("summarize-v2.en");
        Device device = resources(document, Device.class).getFirst();
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Device/" + device.getIdPart());
        assertThat(device.getIdentifierFirstRep().getValue()).hasSize(64);
        assertThat(device.getVersionFirstRep().getValue()).isNotBlank();

        // the whole document as a client checks it: R4 core and the definitions the gateway serves, nothing lenient
        assertThat(R4CoreValidator.errors(R4CoreValidator.servedBy(new FhirHttp(port)), document)).as("R4 validation of the document").isEmpty();
        assertThat(DocumentReferencesCheck.unresolved(document)).as("references that do not resolve in the document").isEmpty();

        List<String> seen = modelBoundary.since(mark);
        assertThat(seen).hasSize(1);
        assertThat(seen.getFirst()).contains("Hypertension").contains("Aspirin");
        for (String identifier : record.identifiers()) {
            assertThat(seen.getFirst()).as("identifier reached the model").doesNotContain(identifier);
        }
        assertThat(seen.getFirst()).doesNotContain(record.patientId()).doesNotContain(record.encounterId());

        List<String> audited = org.springframework.jdbc.core.simple.JdbcClient.create(dataSource)
                .sql("SELECT event_type || ':' || subtype || ':' || outcome FROM audit_event WHERE request_id = ? ORDER BY seq")
                .param(composition.getIdentifier().getValue()).query(String.class).list();
        assertThat(audited).contains("deidentify:summarize:0", "model-run:summarize:0", "rest:operation:$summarize:0");
    }

    @Test
    void aChineseOutpatientRecordIsSummarisedInChineseAsAProgressNote() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.chinese(2, false);
        int mark = modelBoundary.mark();

        HttpResponse<String> response = http.post("Encounter/$summarize", record.bundle(), Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, response);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getType().getCodingFirstRep().getCode()).isEqualTo("11506-3");
        assertThat(composition.getLanguage()).isEqualTo("zh");
        assertThat(composition.getSubject().getReference()).as("the received Patient's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Patient/" + record.patientId());
        assertThat(resources(document, Provenance.class).getFirst().getEntityFirstRep().getWhat().getIdentifier().getValue())
                .isEqualTo("summarize-v2.zh");
        assertThat(R4CoreValidator.errors(R4CoreValidator.servedBy(http), document)).as("R4 validation of the Chinese document").isEmpty();
        assertThat(DocumentReferencesCheck.unresolved(document)).isEmpty();
        String seen = modelBoundary.since(mark).getFirst();
        assertThat(seen).contains("高血压").contains("临床小结");
        for (String identifier : record.identifiers()) {
            assertThat(seen).as("identifier reached the model").doesNotContain(identifier);
        }
    }

    static <T extends Resource> List<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList();
    }
}
