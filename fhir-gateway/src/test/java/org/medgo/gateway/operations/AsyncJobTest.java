package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Prefer: respond-async → 202 + Content-Location, polling, the result, idempotency by request id, DELETE. */
@GatewayTest
class AsyncJobTest {

    @LocalServerPort
    int port;

    @Autowired
    CompositionStore store;

    @Test
    void anAsyncCallIsPolledToItsDocumentAndARepeatedRequestIdFindsTheSameResult() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(10, true);
        String requestId = "emr-" + UUID.randomUUID();
        Map<String, String> headers = Map.of("Prefer", "respond-async", "X-Request-Id", requestId);

        HttpResponse<String> accepted = http.post("Encounter/$summarize", record.bundle(), headers);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = accepted.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).startsWith(http.base() + "/$job-status?_jobId=");

        HttpResponse<String> first = http.get(status);
        if (first.statusCode() == 202) {
            assertThat(first.headers().firstValue("X-Progress")).isPresent();
        }
        HttpResponse<String> done = AsyncPolling.awaitResult(http, status, Duration.ofMinutes(3));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        Bundle response = FhirHttp.parse(Bundle.class, done);
        assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        Bundle document = (Bundle) response.getEntryFirstRep().getResource();
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getSubject().getReference()).as("the received Patient's entry").isEqualTo(SyntheticRecords.EMR_BASE + "Patient/" + record.patientId());
        assertThat(composition.getIdentifier().getValue()).isEqualTo(requestId);

        HttpResponse<String> again = http.post("Encounter/$summarize", record.bundle(), headers);
        assertThat(again.headers().firstValue("Content-Location")).contains(status);
        HttpResponse<String> sync = http.post("Encounter/$summarize", record.bundle(), Map.of("X-Request-Id", requestId));
        assertThat(sync.statusCode()).isEqualTo(200);
        assertThat(sync.headers().firstValue("Content-Location").orElseThrow()).endsWith("/Composition/" + composition.getIdPart());
        assertThat(store.countByRequestId(requestId)).isEqualTo(1);
    }

    @Test
    void aCancelledJobEndsWithoutAComposition() throws Exception {
        FhirHttp http = new FhirHttp(port);
        String requestId = "emr-" + UUID.randomUUID();
        HttpResponse<String> accepted = http.post("Encounter/$differential", SyntheticRecords.chinese(11, true).bundle(),
                Map.of("Prefer", "respond-async", "X-Request-Id", requestId));
        String status = accepted.headers().firstValue("Content-Location").orElseThrow();

        assertThat(http.delete(status).statusCode()).isEqualTo(202);
        HttpResponse<String> end = AsyncPolling.awaitResult(http, status, Duration.ofMinutes(2));
        // cancelled before or while generating: 404; a job that had already finished keeps its result
        if (end.statusCode() == 404) {
            assertThat(store.countByRequestId(requestId)).isZero();
        } else {
            assertThat(end.statusCode()).isEqualTo(200);
        }
        assertThat(http.get(http.base() + "/$job-status?_jobId=" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
