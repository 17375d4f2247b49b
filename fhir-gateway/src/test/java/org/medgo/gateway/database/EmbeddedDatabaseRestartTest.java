package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.medgo.gateway.PostgresProcess;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded PostgreSQL keeps its data in MEDGO_DATA_DIR across a stop and a start, and stops with the app. */
class EmbeddedDatabaseRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void aRestartKeepsWhatWasWrittenBeforeAndLeavesNoPostgresRunning() throws Exception {
        Path pidFile = dataDir.resolve("pgdata/postmaster.pid");
        long firstStart;
        long firstPostgres;
        try (ConfigurableApplicationContext app = start()) {
            firstStart = jdbc(app).sql("SELECT max(id) FROM gateway_start").query(Long.class).single();
            firstPostgres = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
            assertThat(ProcessHandle.of(firstPostgres)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
        }
        assertThat(PostgresProcess.exitedWithin(firstPostgres, Duration.ofSeconds(10))).as("postgres stopped").isTrue();
        assertThat(pidFile).doesNotExist();

        try (ConfigurableApplicationContext app = start()) {
            List<Long> starts = jdbc(app).sql("SELECT id FROM gateway_start ORDER BY id").query(Long.class).list();
            assertThat(starts).contains(firstStart).hasSize(2);
            assertThat(starts.getLast()).isGreaterThan(firstStart);
        }
    }

    private ConfigurableApplicationContext start() {
        // command-line arguments, as ./medgo serve passes them: they win over config/application.yml
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0");
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext app) {
        return app.getBean(JdbcClient.class);
    }
}
