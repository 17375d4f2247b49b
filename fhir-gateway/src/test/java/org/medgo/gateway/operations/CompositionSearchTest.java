package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Stored Compositions: read, search by patient/encounter/status/type/date, $document. */
@GatewayTest
class CompositionSearchTest {

    @LocalServerPort
    int port;

    @Test
    void aGeneratedCompositionIsReadableSearchableAndADocument() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(5, true);
        HttpResponse<String> created = http.post("Encounter/$summarize", record.bundle(), Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "");

        HttpResponse<String> read = http.get("Composition/" + id);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(FhirHttp.parse(Composition.class, read).getSubject().getReference()).isEqualTo("Patient/" + record.patientId());

        assertThat(ids(http, "Composition?patient=" + record.patientId())).containsExactly(id);
        assertThat(ids(http, "Composition?patient=Patient/" + record.patientId() + "&status=preliminary&type=http://loinc.org%7C18842-5")).containsExactly(id);
        assertThat(ids(http, "Composition?encounter=Encounter/" + record.encounterId())).containsExactly(id);
        assertThat(ids(http, "Composition?patient=" + record.patientId() + "&status=final")).isEmpty();
        assertThat(ids(http, "Composition?patient=" + record.patientId() + "&type=11506-3")).isEmpty();
        assertThat(ids(http, "Composition?patient=" + record.patientId() + "&date=ge2020-01-01")).containsExactly(id);
        assertThat(ids(http, "Composition?patient=" + record.patientId() + "&date=lt2020-01-01")).isEmpty();

        HttpResponse<String> document = http.get("Composition/" + id + "/$document");
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        Bundle bundle = FhirHttp.parse(Bundle.class, document);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.DOCUMENT);
        assertThat(bundle.getEntryFirstRep().getResource().getIdElement().getIdPart()).isEqualTo(id);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Provenance", "Device");

        assertThat(http.get("Composition/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    private static java.util.List<String> ids(FhirHttp http, String query) throws Exception {
        HttpResponse<String> r = http.get(query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return FhirHttp.parse(Bundle.class, r).getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
