package org.medgo.audit.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL (one per test JVM) with a fresh database per caller, migrated by the owner role exactly
 * like production, plus a DataSource that logs in as the least-privilege application role medgo_app.
 */
public final class AuditDatabase {
    private static EmbeddedPostgres postgres;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final DataSource owner;
    public final DataSource app;

    private AuditDatabase(DataSource owner, DataSource app) {
        this.owner = owner;
        this.app = app;
    }

    public static synchronized AuditDatabase fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE medgo_app LOGIN");
                }
            }
            String db = "audit_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + db);
            }
            DataSource owner = postgres.getDatabase("postgres", db);
            try (Connection c = owner.getConnection(); Statement st = c.createStatement()) {
                st.execute("GRANT USAGE ON SCHEMA public TO medgo_app");
            }
            Flyway.configure().dataSource(owner).locations("classpath:db/migration/audit").load().migrate();
            return new AuditDatabase(owner, postgres.getDatabase("medgo_app", db));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
