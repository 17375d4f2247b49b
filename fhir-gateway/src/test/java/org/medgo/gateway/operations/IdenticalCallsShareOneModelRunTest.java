package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 10 identical synchronous calls at once (the same record, as an EMR retrying or several users opening the
 * same patient): the model runs for fewer of them than 10, because requests that reach it while an identical
 * one is generating wait for that run; every call still gets its own document. Before, the model ran 10 times.
 */
@GatewayTest
class IdenticalCallsShareOneModelRunTest {

    static final int CALLS = 10;

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver engine;

    @Test
    void identicalConcurrentCallsShareModelRuns() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(4242, true);
        int mark = engine.mark();
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(CALLS)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return http.post("Encounter/$summarize", record.bundle(), Map.of());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<String>> call : calls) {
                answers.add(call.get());
            }
        }
        Set<String> documents = new HashSet<>();
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            documents.add(answer.headers().firstValue("Content-Location").orElseThrow());
        }
        int modelRuns = engine.since(mark).size();
        assertThat(documents).as("one document per call (own request ids)").hasSize(CALLS);
        assertThat(modelRuns).as("model runs for " + CALLS + " identical calls").isLessThan(CALLS);
        System.out.printf("%d identical concurrent calls: %d model run(s), %d documents%n", CALLS, modelRuns, documents.size());
    }
}
