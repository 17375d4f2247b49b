package org.medgo.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** CLI commands get the gateway's database, also while a gateway is serving on the same data directory. */
class GatewayContextTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommandUsesTheDatabaseOfTheRunningGatewayWithoutStoppingIt() {
        try (ConfigurableApplicationContext serving = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0")) {
            try (ConfigurableApplicationContext command = GatewayContext.open("--medgo.data-dir=" + dataDir, "--medgo.db.url=")) {
                assertThat(command).isNotInstanceOf(WebServerApplicationContext.class);
                JdbcClient jdbc = JdbcClient.create(command.getBean(DataSource.class));
                assertThat(jdbc.sql("SELECT count(*) FROM gateway_start").query(Long.class).single())
                        .as("sees the serving gateway's data; a command is not recorded as a start").isEqualTo(1);
            }
            assertThat(serving.getBean(JdbcClient.class).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Test
    void withoutARunningGatewayACommandStartsAndStopsTheEmbeddedDatabase() {
        try (ConfigurableApplicationContext command = GatewayContext.open("--medgo.data-dir=" + dataDir, "--medgo.db.url=")) {
            JdbcClient jdbc = JdbcClient.create(command.getBean(DataSource.class));
            assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("medgo_app");
            // a command next to a serving gateway must not put a second model on the GPU or take its jobs
            assertThat(command.getBeanFactory().containsSingleton("inferenceEngine")).as("model loaded").isFalse();
            assertThat(command.getBeanNamesForType(org.medgo.gateway.operations.jobs.JobRunner.class)).isEmpty();
        }
        assertThat(dataDir.resolve("pgdata/postmaster.pid")).doesNotExist();
    }

    @Test
    void aCommandOnAFreshDataDirectoryCreatesItForTheOwnerOnly() throws Exception {
        Path fresh = dataDir.resolve("not-yet-created");
        try (ConfigurableApplicationContext command = GatewayContext.open("--medgo.data-dir=" + fresh, "--medgo.db.url=")) {
            JdbcClient jdbc = JdbcClient.create(command.getBean(DataSource.class));
            assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .as("it holds the database password and the de-identification keys").isEqualTo("rwx------");
    }
}
