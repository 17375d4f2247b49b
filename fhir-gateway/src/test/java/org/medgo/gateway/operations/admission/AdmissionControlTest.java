package org.medgo.gateway.operations.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of 40 synchronous calls against a queue of 2 (+ the engine's batch): the calls beyond it are refused
 * at the door, before any work, so they leave no vault entry and no pipeline audit events. Before, each
 * refusal came after validation, de-identification, a vault write and two audit writes (~3.7 s in a burst).
 * (Same settings as FullQueueTest, so both share one gateway context.)
 */
@GatewayTest
@TestPropertySource(properties = {"medgo.operations.queue-capacity=2", "medgo.operations.max-new-tokens=48",
        "medgo.operations.job-workers=4"})
class AdmissionControlTest {

    static final int BURST = 40;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    record Answer(int status, long millis, boolean retryAfter) {}

    @Test
    void callsBeyondTheQueueAreRefusedAtTheDoorWithoutAnyWork() throws Exception {
        FhirHttp http = new FhirHttp(port);
        JdbcClient db = JdbcClient.create(dataSource);
        long vaultBefore = db.sql("SELECT count(*) FROM deid_vault").query(Long.class).single();
        long deidBefore = db.sql("SELECT count(*) FROM audit_event WHERE event_type = 'deidentify'").query(Long.class).single();

        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(BURST)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> calls = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                SyntheticRecords.Record record = SyntheticRecords.english(900 + i, i % 2 == 0);
                calls.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = http.post("Encounter/$summarize", record.bundle(), Map.of());
                    return new Answer(r.statusCode(), (System.nanoTime() - t0) / 1_000_000, r.headers().firstValue("Retry-After").isPresent());
                }));
            }
            start.countDown();
            for (Future<Answer> call : calls) {
                answers.add(call.get());
            }
        }
        List<Long> refused = answers.stream().filter(a -> a.status() == 503).map(Answer::millis).sorted().toList();
        List<Long> served = answers.stream().filter(a -> a.status() == 200).map(Answer::millis).sorted().toList();
        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(200, 503));
        assertThat(answers).filteredOn(a -> a.status() == 503).allSatisfy(a -> assertThat(a.retryAfter()).isTrue());
        assertThat(refused).isNotEmpty();
        assertThat(served).isNotEmpty();

        long vaultAdded = db.sql("SELECT count(*) FROM deid_vault").query(Long.class).single() - vaultBefore;
        long deidAdded = db.sql("SELECT count(*) FROM audit_event WHERE event_type = 'deidentify'").query(Long.class).single() - deidBefore;
        assertThat(vaultAdded).as("vault entries: one per admitted call only").isEqualTo(served.size());
        assertThat(deidAdded).as("de-identification audit events: one per admitted call only").isEqualTo(served.size());
        assertThat(median(refused)).as("a refusal does not wait for the work of admitted calls").isLessThan(median(served));
        System.out.printf("burst of %d: %d served (median %d ms), %d refused at the door (median %d ms, max %d ms)%n",
                BURST, served.size(), median(served), refused.size(), median(refused), refused.getLast());
    }

    private static long median(List<Long> sorted) {
        return sorted.get(sorted.size() / 2);
    }
}
