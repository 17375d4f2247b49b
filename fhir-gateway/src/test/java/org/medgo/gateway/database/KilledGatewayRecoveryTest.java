package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.medgo.gateway.JavaSubprocess;
import org.medgo.gateway.PostgresProcess;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** After a gateway is killed outright (SIGKILL), the next start stops the PostgreSQL it left behind and goes on. */
class KilledGatewayRecoveryTest {

    @TempDir
    Path work;

    @Test
    void theNextStartStopsTheOrphanedPostgresAndKeepsTheData() throws Exception {
        Path dataDir = work.resolve("data");
        Path log = work.resolve("out.txt");
        Process killed = JavaSubprocess.serve(dataDir, Map.of("SERVER_PORT", "0"), log, work.resolve("err.txt"));
        long orphan;
        try {
            orphan = PostgresProcess.pidOf(dataDir);
        } finally {
            killed.destroyForcibly(); // SIGKILL: no shutdown hook runs, postgres is orphaned
        }
        assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive)).as("orphaned postgres").isPresent();

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0")) {
            assertThat(PostgresProcess.exitedWithin(orphan, Duration.ofSeconds(10))).as("orphan stopped").isTrue();
            assertThat(restarted.getBean(JdbcClient.class).sql("SELECT count(*) FROM gateway_start")
                    .query(Long.class).single()).isEqualTo(2);
        }
    }
}
