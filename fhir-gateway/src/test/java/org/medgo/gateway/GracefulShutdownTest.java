package org.medgo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to {@code ./medgo serve} stops the app and its embedded PostgreSQL: no orphan postgres process. */
class GracefulShutdownTest {

    @TempDir
    Path work;

    @Test
    void sigtermStopsTheGatewayAndItsEmbeddedPostgres() throws Exception {
        Path log = work.resolve("out.txt");
        Path dataDir = work.resolve("data");
        Process gateway = JavaSubprocess.serve(dataDir, Map.of("SERVER_PORT", "0"), log, work.resolve("err.txt"));
        try {
            long postgres = PostgresProcess.pidOf(dataDir);
            assertThat(ProcessHandle.of(postgres).filter(ProcessHandle::isAlive)).isPresent();

            gateway.destroy(); // SIGTERM

            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).as("gateway exited").isTrue();
            assertThat(PostgresProcess.exitedWithin(postgres, Duration.ofSeconds(10))).as("postgres stopped").isTrue();
            assertThat(dataDir.resolve("pgdata/postmaster.pid")).doesNotExist();
            assertThat(Files.readString(log)).contains("Graceful shutdown complete", "Stopping embedded PostgreSQL");
        } finally {
            gateway.destroyForcibly();
        }
    }
}
