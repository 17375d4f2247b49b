package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.JavaSubprocess;
import org.medgo.gateway.MedGoCli;

/**
 * The gateway runs in a child JVM ({@code medgo serve}); it is killed with SIGKILL while an async job
 * runs, then started again on the same data directory: the job is resumed and ends with exactly one
 * Composition for its request id.
 */
class KillDuringAsyncJobTest {

    @TempDir
    Path work;

    @Test
    void aJobRunningWhenTheGatewayIsKilledIsResumedAfterTheRestartIntoOneComposition() throws Exception {
        Path dataDir = work.resolve("data");
        int port = freePort();
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record record = SyntheticRecords.english(42, true);
        String requestId = "kill-test-" + System.nanoTime();

        Process first = serve(dataDir, port, work.resolve("out1.txt"));
        String statusPath;
        String stepAtKill = null;
        try {
            awaitStart(first, work.resolve("out1.txt"));
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

        Process second = serve(dataDir, port, work.resolve("out2.txt"));
        try {
            awaitStart(second, work.resolve("out2.txt"));
            HttpResponse<String> done = AsyncPolling.awaitResult(http, statusPath, Duration.ofMinutes(3));
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            HttpResponse<String> search = http.get("Composition?encounter=Encounter/" + record.encounterId());
            assertThat(FhirHttp.parse(Bundle.class, search).getEntry()).hasSize(1);
            assertThat(Files.readString(work.resolve("out2.txt"))).contains("queued again");
        } finally {
            second.destroy();
            second.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private static Process serve(Path dataDir, int port, Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx1500m",
                "-cp", System.getProperty("java.class.path"), MedGoCli.class.getName(), "serve"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("MEDGO_") || name.equals("SERVER_PORT"));
        builder.environment().putAll(Map.of("MEDGO_DATA_DIR", dataDir.toString(), "SERVER_PORT", Integer.toString(port),
                "MEDGO_OPERATIONS_JOB_WORKERS", "1", "MEDGO_SECURITY_ENABLED", "false"));
        return builder.start();
    }

    private static void awaitStart(Process process, Path out) throws Exception {
        try {
            JavaSubprocess.awaitOutput(process, out, " started (start #", Duration.ofMinutes(3));
        } catch (AssertionError e) {
            String log = Files.readString(out);
            throw new AssertionError(e.getMessage() + "; last output: " + log.substring(Math.max(0, log.length() - 3000)), e);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
