package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * 50 concurrent calls against a small inference queue: synchronous ones get 200 or 503 with Retry-After,
 * never 500; asynchronous ones are all accepted and all end with their own Composition.
 */
@GatewayTest
@TestPropertySource(properties = {"medgo.operations.queue-capacity=2", "medgo.operations.max-new-tokens=48",
        "medgo.operations.job-workers=4"})
class FullQueueTest {

    static final int CALLS = 50;

    @LocalServerPort
    int port;

    @Autowired
    CompositionStore store;

    @Test
    void synchronousCallsBeyondTheQueueGet503AndAsyncCallsAreNeverLost() throws Exception {
        FhirHttp http = new FhirHttp(port);
        List<SyntheticRecords.Record> records = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            records.add(i % 2 == 0 ? SyntheticRecords.english(100 + i, i % 4 == 0) : SyntheticRecords.chinese(100 + i, i % 3 == 0));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(CALLS)) {
            List<Future<HttpResponse<String>>> sync = new ArrayList<>();
            for (SyntheticRecords.Record r : records) {
                sync.add(pool.submit(() -> http.post("Encounter/$summarize", r.bundle(), Map.of())));
            }
            int ok = 0, busy = 0;
            for (Future<HttpResponse<String>> f : sync) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 503);
                if (r.statusCode() == 503) {
                    busy++;
                    assertThat(r.headers().firstValue("Retry-After")).isPresent();
                    assertThat(r.body()).contains("OperationOutcome");
                } else {
                    ok++;
                }
            }
            assertThat(ok).isPositive();
            assertThat(busy).isPositive();

            List<Future<HttpResponse<String>>> async = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                SyntheticRecords.Record r = records.get(i);
                String requestId = "full-queue-" + i + "-" + System.nanoTime();
                async.add(pool.submit(() -> http.post("Encounter/$summarize", r.bundle(),
                        Map.of("Prefer", "respond-async", "X-Request-Id", requestId))));
            }
            List<String> statusUrls = new ArrayList<>();
            for (Future<HttpResponse<String>> f : async) {
                HttpResponse<String> r = f.get();
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
                statusUrls.add(r.headers().firstValue("Content-Location").orElseThrow());
            }
            HashSet<String> compositions = new HashSet<>();
            for (String url : statusUrls) {
                HttpResponse<String> done = AsyncPolling.awaitResult(http, url, Duration.ofMinutes(5));
                assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
                compositions.add(FhirHttp.parse(org.hl7.fhir.r4.model.Bundle.class, done).getEntryFirstRep().getResponse().getLocation());
            }
            assertThat(compositions).hasSize(CALLS);
        }
    }
}
