package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.PostgresProcess;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The embedded PostgreSQL is stopped (fast shutdown, clients cut off) under traffic and started again. While
 * it is away, FHIR calls get 503 + Retry-After within seconds (not a hang, not a 500) and health says DOWN;
 * once it is back, the same gateway serves again without a restart, and an async job that was running when
 * the database went away completes (its lease lapsed, a worker claimed it again). Before: calls hung 30-120 s
 * on the pool and ended in 500, /fhir/metadata too, health took up to 30 s to turn DOWN, and the job stayed
 * "running" until the gateway was restarted.
 */
@GatewayTest
@TestPropertySource(properties = {"medgo.db.connect-timeout=2s", "medgo.operations.job-lease.duration=3s",
        "medgo.operations.job-workers=1"})
class DatabaseOutageTest {

    /**
     * The first call after the database went away waits for the pool (connect timeout 2 s here) and opens the
     * circuit; the bound leaves room for a loaded 2-core CI machine and is still far from the 30-120 s hang.
     */
    static final Duration FIRST = Duration.ofSeconds(10);
    /** Later calls while the circuit is open do not touch the pool: about what the issue asks (~5 s). */
    static final Duration FAST = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    DatabaseProperties database; // not ${medgo.data-dir}: its ${random.uuid} would resolve to a new path

    Path dataDir;

    record Call(int status, long millis, boolean retryAfter) {}

    @Test
    void whileTheDatabaseIsAwayCallsGet503FastAndTheGatewayHealsWhenItReturns() throws Exception {
        dataDir = database.embedded().dataDir();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        assertThat(call(client, "/fhir/metadata").status()).isEqualTo(200);

        // background traffic for the whole test: every answer is 200 or 503, never a 500 or a hang
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Integer, Integer> backgroundStatuses = new ConcurrentHashMap<>();
        List<Long> backgroundMillis = new CopyOnWriteArrayList<>();
        Thread traffic = Thread.ofPlatform().start(() -> {
            while (running.get()) {
                try {
                    Call c = call(client, "/fhir/metadata");
                    backgroundStatuses.merge(c.status(), 1, Integer::sum);
                    backgroundMillis.add(c.millis());
                    Thread.sleep(50);
                } catch (Exception e) {
                    backgroundStatuses.merge(-1, 1, Integer::sum);
                }
            }
        });
        Process restarted = null;
        FhirHttp http = new FhirHttp(port);
        try {
            String job = runningJob(http);
            PostgresProcess.stopFast(dataDir);

            long outageStarted = System.nanoTime();
            Call health = call(client, "/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(Duration.ofMillis(health.millis())).isLessThan(FIRST);

            long worst = 0;
            for (int i = 0; i < 10; i++) {
                Call metadata = call(client, "/fhir/metadata");
                assertThat(metadata.status()).isEqualTo(503);
                assertThat(metadata.retryAfter()).isTrue();
                worst = Math.max(worst, metadata.millis());
            }
            long t0 = System.nanoTime();
            HttpResponse<String> summarize = http.post("Encounter/$summarize", SyntheticRecords.english(7, true).bundle(), Map.of());
            long summarizeMillis = (System.nanoTime() - t0) / 1_000_000;
            assertThat(summarize.statusCode()).as(summarize.body()).isEqualTo(503);
            assertThat(summarize.headers().firstValue("Retry-After")).isPresent();
            assertThat(Duration.ofMillis(Math.max(worst, summarizeMillis))).isLessThan(FAST);

            restarted = PostgresProcess.restart(dataDir);
            long back = System.nanoTime();
            long healedMillis = -1;
            while (System.nanoTime() - back < Duration.ofSeconds(30).toNanos()) {
                if (call(client, "/fhir/metadata").status() == 200) {
                    healedMillis = (System.nanoTime() - back) / 1_000_000;
                    break;
                }
                Thread.sleep(200);
            }
            assertThat(healedMillis).as("served again after the database returned").isNotNegative();
            // the pool may still hand out a connection the stop broke: health may need one more try to be UP
            int healthStatus = 0;
            for (long until = System.nanoTime() + Duration.ofSeconds(10).toNanos(); System.nanoTime() - until < 0; Thread.sleep(200)) {
                healthStatus = call(client, "/actuator/health").status();
                if (healthStatus == 200) break;
            }
            assertThat(healthStatus).as("health UP again").isEqualTo(200);
            HttpResponse<String> jobResult = awaitEnd(http, job, Duration.ofMinutes(3));
            assertThat(jobResult.statusCode()).as(jobResult.body()).isEqualTo(200);
            running.set(false);
            traffic.join();
            assertThat(backgroundStatuses.keySet()).as("background answers").containsOnly(200, 503);
            assertThat(backgroundMillis.stream().mapToLong(Long::longValue).max().orElseThrow()).isLessThan(FIRST.toMillis());
            System.out.printf("database outage of %d ms: health DOWN in %d ms, metadata 503 in <= %d ms, $summarize 503 in %d ms; "
                    + "serving again %d ms after the database returned; background %s%n",
                    (back - outageStarted) / 1_000_000, health.millis(), worst, summarizeMillis, healedMillis, backgroundStatuses);
        } finally {
            running.set(false);
            traffic.join();
            // the context's embedded-database close stops the restarted server (pg_ctl stop on the same data)
            if (restarted == null && !java.nio.file.Files.exists(dataDir.resolve("pgdata/postmaster.pid"))) {
                PostgresProcess.restart(dataDir);
            }
        }
    }

    /** An async $summarize, returned once its worker runs it (past the queue). */
    private static String runningJob(FhirHttp http) throws Exception {
        HttpResponse<String> accepted = http.post("Encounter/$summarize", SyntheticRecords.english(8, true).bundle(),
                Map.of("Prefer", "respond-async", "X-Request-Id", "outage-job-" + System.nanoTime()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = accepted.headers().firstValue("Content-Location").orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> poll = http.get(status);
            if (poll.statusCode() == 202 && !poll.headers().firstValue("X-Progress").orElse("queued").startsWith("queued")) {
                return status;
            }
            assertThat(poll.statusCode()).as("still running when the database goes away").isEqualTo(202);
            Thread.sleep(20);
        }
        throw new AssertionError("the job did not start");
    }

    private static HttpResponse<String> awaitEnd(FhirHttp http, String status, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpResponse<String> poll = http.get(status);
        while (poll.statusCode() == 202 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            poll = http.get(status);
        }
        return poll;
    }

    private Call call(HttpClient client, String path) throws Exception {
        long t0 = System.nanoTime();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
        if (path.startsWith("/fhir")) {
            request.header("Accept", "application/fhir+json");
        }
        HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Call(r.statusCode(), (System.nanoTime() - t0) / 1_000_000, r.headers().firstValue("Retry-After").isPresent());
    }
}
