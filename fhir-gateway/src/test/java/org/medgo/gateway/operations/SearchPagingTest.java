package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.AiProvenance;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Searches page in the database: HAPI's generic client walks next links through 25 Compositions with
 * {@code _count=10} and sees each exactly once; totals, previous links, {@code _sort}, {@code _lastUpdated},
 * Provenance and AuditEvent paging, an unencoded {@code |}.
 */
@GatewayTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchPagingTest {

    @LocalServerPort
    int port;

    @Autowired
    CompositionStore store;

    final String patient = "Patient/paging-" + UUID.randomUUID();
    final List<String> stored = new ArrayList<>();
    IGenericClient client;

    @BeforeAll
    void twentyFiveDocumentsOfOnePatient() {
        Device device = new Device();
        device.setId("medgo-model-paging-test");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 25; i++) {
            Composition c = new Composition();
            c.setId(UUID.randomUUID().toString());
            c.setStatus(Composition.CompositionStatus.PRELIMINARY);
            c.setType(new CodeableConcept(new Coding("http://loinc.org", "11506-3", "Progress note")));
            c.setSubject(new Reference(patient));
            c.setDate(Date.from(start.plus(i, ChronoUnit.HOURS)));
            c.addAuthor(new Reference("Device/" + device.getIdPart()));
            c.setTitle("note " + i);
            Provenance p = AiProvenance.of(UUID.randomUUID().toString(), List.<Resource>of(c), device, "summarize-v1.en", c.getDate());
            stored.add(store.saveIfAbsent(new GeneratedDocument(c, List.of(), p, device), "Encounter/$summarize", new IdempotencyKey("", "paging-" + c.getIdPart()), null, List.of(), List.of()));
        }
        FhirHttp.FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        client = FhirHttp.FHIR.newRestfulGenericClient(new FhirHttp(port).base());
    }

    @Test
    void theGenericClientPagesThroughEachCompositionExactlyOnce() {
        Bundle page = client.search().forResource(Composition.class).where(Composition.PATIENT.hasId(patient))
                .count(10).returnBundle(Bundle.class).execute();
        assertThat(page.getTotal()).isEqualTo(25);
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.getEntry().size());
            page.getEntry().forEach(e -> seen.add(e.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) break;
            page = client.loadPage().next(page).execute();
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);

        Bundle previous = client.loadPage().previous(page).execute();
        assertThat(previous.getEntry()).hasSize(10);
        assertThat(previous.getTotal()).isEqualTo(25);
    }

    @Test
    void sortByDateEitherWayAndLastUpdated() {
        List<Date> ascending = dates(client.search().forResource(Composition.class).where(Composition.PATIENT.hasId(patient))
                .sort().ascending(Composition.DATE).count(25).returnBundle(Bundle.class).execute());
        assertThat(ascending).hasSize(25).isSorted();
        List<Date> descending = dates(client.search().forResource(Composition.class).where(Composition.PATIENT.hasId(patient))
                .sort().descending(Composition.DATE).count(5).returnBundle(Bundle.class).execute());
        assertThat(descending.getFirst()).isEqualTo(ascending.getLast());
        Bundle none = client.search().forResource(Composition.class).where(Composition.PATIENT.hasId(patient))
                .lastUpdated(new ca.uhn.fhir.rest.param.DateRangeParam(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)), null))
                .returnBundle(Bundle.class).execute();
        assertThat(none.getTotal()).isZero();
    }

    @Test
    void provenanceAndAuditEventsPageToo() {
        Bundle provenance = client.search().forResource(Provenance.class).where(Provenance.PATIENT.hasId(patient))
                .count(10).returnBundle(Bundle.class).execute();
        assertThat(provenance.getTotal()).isEqualTo(25);
        assertThat(client.loadPage().next(provenance).execute().getEntry()).hasSize(10);

        Bundle first = client.search().forResource(AuditEvent.class).count(2).returnBundle(Bundle.class).execute();
        assertThat(first.getTotal()).isGreaterThan(2);
        Bundle second = client.loadPage().next(first).execute();
        assertThat(second.getEntry()).hasSize(2);
        assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
    }

    @Test
    void anUnencodedPipeInATokenSearchIsAccepted() throws Exception {
        String id = patient.substring("Patient/".length());
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /fhir/Composition?patient=" + id + "&type=http://loinc.org|11506-3&_count=1 HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: application/fhir+json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 200 ");
        }
    }

    private static List<Date> dates(Bundle b) {
        return b.getEntry().stream().map(e -> ((Composition) e.getResource()).getDate()).toList();
    }

    private static List<String> ids(Bundle b) {
        return b.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    }
}
