package org.medgo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;

/**
 * SIGTERM to {@code ./medgo serve} while 10 synchronous calls run: every call is answered, the audit trail is
 * flushed and its head signed into the checkpoint log, the embedded PostgreSQL stops last (no orphan), and
 * the process exits 0. Before the ordered shutdown, zonky's own hook stopped PostgreSQL under the running
 * calls ("connection closed without response") and the JVM exited 143 after 35-58 s.
 */
class GracefulShutdownTest {

    static final int CALLS = 10;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failure leaves the gateway's output to read
    Path work;

    @Test
    void sigtermDuringTenCallsAnswersAllOfThemAndExitsZero() throws Exception {
        Path log = work.resolve("out.txt");
        Path dataDir = work.resolve("data");
        int port = freePort();
        Process gateway = JavaSubprocess.serve(dataDir, Map.of("SERVER_PORT", Integer.toString(port),
                "MEDGO_SECURITY_ENABLED", "false", "MEDGO_OPERATIONS_MAX_NEW_TOKENS", "64",
                // the bound on draining; generous, so a slow CI machine does not cut calls off
                "MEDGO_SHUTDOWN_TIMEOUT", "120s"), log, work.resolve("err.txt"));
        try (ExecutorService clients = Executors.newFixedThreadPool(CALLS)) {
            long postgres = PostgresProcess.pidOf(dataDir);
            FhirHttp http = new FhirHttp(port);
            CountDownLatch sent = new CountDownLatch(CALLS);
            AtomicInteger answered = new AtomicInteger();
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                SyntheticRecords.Record record = SyntheticRecords.english(500 + i, i % 2 == 0);
                calls.add(clients.submit(() -> {
                    sent.countDown();
                    HttpResponse<String> r = http.post("Encounter/$summarize", record.bundle(), Map.of());
                    answered.incrementAndGet();
                    return r;
                }));
            }
            sent.await();
            awaitActiveCalls(port, CALLS, Duration.ofSeconds(60));

            long signalled = System.nanoTime();
            int answeredBeforeSignal = answered.get();
            gateway.destroy(); // SIGTERM

            for (Future<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(3, TimeUnit.MINUTES);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            }
            assertThat(answeredBeforeSignal).as("calls were in flight at SIGTERM").isLessThan(CALLS);
            assertThat(gateway.waitFor(120, TimeUnit.SECONDS)).as("gateway exited").isTrue();
            long exitMillis = Duration.ofNanos(System.nanoTime() - signalled).toMillis();
            assertThat(gateway.exitValue()).isZero();
            assertThat(PostgresProcess.exitedWithin(postgres, Duration.ofSeconds(10))).as("postgres stopped").isTrue();
            assertThat(dataDir.resolve("pgdata/postmaster.pid")).doesNotExist();
            String out = Files.readString(log);
            assertThat(out).contains("Graceful shutdown complete", "(at shutdown)", "Stopping embedded PostgreSQL");
            assertThat(out.indexOf("(at shutdown)")).isLessThan(out.indexOf("Stopping embedded PostgreSQL"));
            assertThat(Files.readAllLines(dataDir.resolve("audit/checkpoints.log"))).isNotEmpty();
            System.out.printf("SIGTERM with %d of %d calls in flight: all answered, exit 0 after %d ms%n",
                    CALLS - answeredBeforeSignal, CALLS, exitMillis);
        } catch (Exception | AssertionError e) {
            throw new AssertionError(e + "; gateway output in " + log + ": " + tail(log), e);
        } finally {
            gateway.destroyForcibly();
        }

        Path verifyOut = work.resolve("verify.txt");
        Process verify = JavaSubprocess.medgo(Map.of("MEDGO_DATA_DIR", dataDir.toString()), verifyOut,
                work.resolve("verify-err.txt"), "audit", "verify");
        assertThat(verify.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(verify.exitValue()).as(Files.readString(verifyOut)).isZero();
        assertThat(Files.readString(verifyOut)).containsPattern("and [1-9]\\d* in the checkpoint log verified");
    }

    /** Until the server counts {@code n} requests in progress besides the metrics scrape itself (Actuator's active-requests timer). */
    static void awaitActiveCalls(int port, int n, Duration limit) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + limit.toNanos();
        double active = 0;
        while (System.nanoTime() < deadline) {
            String metrics = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            active = metrics.lines()
                    .filter(l -> l.startsWith("http_server_requests_active_seconds_count{"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum() - 1;
            if (active >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server had " + active + " requests in progress, not " + n);
    }

    private static String tail(Path file) throws java.io.IOException {
        String text = Files.exists(file) ? Files.readString(file) : "";
        return text.substring(Math.max(0, text.length() - 4000));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
