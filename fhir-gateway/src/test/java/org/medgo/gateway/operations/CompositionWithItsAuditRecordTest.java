package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Composition and its model-run audit record commit together. The database refuses that one audit row
 * (a trigger the owner sets for this request id, standing in for a crash between the two writes): the call
 * fails and no Composition is left behind. Before, they committed separately, and a crash in between left
 * Compositions without their record, which later retries never wrote. Once the database accepts it again,
 * a retry with the same request id stores both.
 */
@GatewayTest
class CompositionWithItsAuditRecordTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void aCompositionIsNeverStoredWithoutItsModelRunRecord() throws Exception {
        String requestId = "d6-" + System.nanoTime();
        FhirHttp http = new FhirHttp(port);
        JdbcClient app = JdbcClient.create(dataSource);
        SyntheticRecords.Record record = SyntheticRecords.english(66, true);
        try {
            asOwner("CREATE FUNCTION d6_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    + "IF NEW.event_type = 'model-run' AND NEW.request_id = '" + requestId + "' THEN "
                    + "RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$",
                    "CREATE TRIGGER d6_refuse BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION d6_refuse()");

            HttpResponse<String> failed = http.post("Encounter/$summarize", record.bundle(), Map.of("X-Request-Id", requestId));
            assertThat(failed.statusCode()).as(failed.body()).isEqualTo(500);
            assertThat(count(app, "SELECT count(*) FROM operations_composition WHERE request_id = ?", requestId)).isZero();
        } finally {
            asOwner("DROP TRIGGER IF EXISTS d6_refuse ON audit_event", "DROP FUNCTION IF EXISTS d6_refuse()");
        }

        HttpResponse<String> retried = http.post("Encounter/$summarize", record.bundle(), Map.of("X-Request-Id", requestId));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(count(app, "SELECT count(*) FROM operations_composition WHERE request_id = ?", requestId)).isEqualTo(1);
        assertThat(count(app, "SELECT count(*) FROM audit_event WHERE event_type = 'model-run' AND request_id = ?", requestId))
                .isEqualTo(1);
    }

    private static long count(JdbcClient db, String sql, String requestId) {
        return db.sql(sql).param(requestId).query(Long.class).single();
    }

    /** The embedded server's superuser (trust authentication on localhost), as an owner or a DBA would act. */
    private void asOwner(String... statements) throws Exception {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setUrl(dataSource.unwrap(HikariDataSource.class).getJdbcUrl());
        owner.setUser("postgres");
        try (Connection c = owner.getConnection(); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
