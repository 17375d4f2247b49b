package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.JavaSubprocess;

/**
 * The gateway runs in a child JVM ({@code medgo serve}); it is killed with SIGKILL while an async job
 * runs, then started again on the same data directory: the job is resumed and ends with exactly one
 * Composition for its request id.
 */
class KillDuringAsyncJobTest {

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) // a failure leaves the gateways' output
    Path work;

    @Test
    void aJobRunningWhenTheGatewayIsKilledIsResumedAfterTheRestartIntoOneComposition() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(42, true);
        String requestId = "kill-test-" + System.nanoTime();
        Map<String, String> environment = Map.of("SERVER_PORT", Integer.toString(port),
                "MEDGO_OPERATIONS_JOB_WORKERS", "1", "MEDGO_SECURITY_ENABLED", "false",
                // the killed worker's lease lapses after this; then the restarted gateway claims the job
                "MEDGO_OPERATIONS_JOB_LEASE", "5s");

        Process first = JavaSubprocess.serve(dataDir, environment, work.resolve("out1.txt"), work.resolve("err1.txt"));
        String statusPath;
        String stepAtKill = null;
        try {
            HttpResponse<String> accepted = http.post("Encounter/$summarize", record.bundle(),
                    Map.of("Prefer", "respond-async", "X-Request-Id", requestId));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            statusPath = accepted.headers().firstValue("Content-Location").orElseThrow().replaceAll("^.*/fhir/", "");
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                HttpResponse<String> poll = http.get(statusPath);
                String step = poll.headers().firstValue("X-Progress").orElse("");
                if (poll.statusCode() != 202) break;
                if (!step.equals("queued")) {
                    stepAtKill = step;
                    break;
                }
                Thread.sleep(10);
            }
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, the job row stays 'running'
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(stepAtKill).as("the job was running when the gateway was killed").isNotNull();

        Process second = JavaSubprocess.serve(dataDir, environment, work.resolve("out2.txt"), work.resolve("err2.txt"));
        try {
            HttpResponse<String> done = AsyncPolling.awaitResult(http, statusPath, Duration.ofMinutes(3));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            HttpResponse<String> search = http.get("Composition?encounter=Encounter/" + record.encounterId());
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(FhirHttp.parse(Bundle.class, search).getEntry()).hasSize(1);
            assertThat(Files.readString(work.resolve("out2.txt"))).contains("queued again");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
