package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The production path: a PostgreSQL run by the hospital (here a separate server the test starts), with an
 * owner role for migrations and an application login that is a member of medgo_app.
 */
class ExternalDatabaseTest {

    static EmbeddedPostgres hospitalServer;

    @BeforeAll
    static void hospitalDbaPreparesTheDatabase() throws Exception {
        hospitalServer = EmbeddedPostgres.builder().start();
        try (Connection dba = hospitalServer.getPostgresDatabase().getConnection();
                Statement sql = dba.createStatement()) {
            sql.execute("CREATE ROLE medgo_owner LOGIN PASSWORD 'owner-pw'");
            sql.execute("CREATE DATABASE medgo OWNER medgo_owner");
            sql.execute("CREATE ROLE medgo_app NOLOGIN");
            sql.execute("CREATE ROLE emr_gateway LOGIN PASSWORD 'app-pw' IN ROLE medgo_app");
        }
    }

    @AfterAll
    static void stopHospitalServer() throws Exception {
        hospitalServer.close();
    }

    @Test
    void migratesAsTheOwnerAndServesAsTheApplicationLogin() {
        String url = "jdbc:postgresql://localhost:" + hospitalServer.getPort() + "/medgo";
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--medgo.db.url=" + url,
                "--medgo.db.user=emr_gateway",
                "--medgo.db.password=app-pw",
                "--medgo.db.migration-user=medgo_owner",
                "--medgo.db.migration-password=owner-pw")) {
            JdbcClient jdbc = app.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("emr_gateway");
            assertThat(jdbc.sql("SELECT tableowner FROM pg_tables WHERE tablename = 'gateway_start'")
                    .query(String.class).single()).isEqualTo("medgo_owner");
            assertThat(jdbc.sql("SELECT count(*) FROM gateway_start").query(Long.class).single())
                    .as("the start was recorded through the medgo_app membership").isEqualTo(1);
            assertThatThrownBy(() -> jdbc.sql("CREATE TABLE intruder (id int)").update())
                    .isInstanceOf(DataAccessException.class);
        }
    }
}
