package org.medgo.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * For tests of one part of the gateway without Spring Boot or the model: a real PostgreSQL (one per test
 * JVM) with a fresh database per caller, migrated by the owner like production ({@link SchemaMigration}),
 * used through the least-privilege application role.
 */
public final class MigratedDatabase {

    private static EmbeddedPostgres postgres;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private MigratedDatabase() {}

    /** A new database with every module's migrations; the DataSource logs in as {@code medgo_app}. */
    public static synchronized DataSource fresh() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE medgo_app LOGIN");
                }
            }
            String db = "gateway_" + COUNTER.incrementAndGet();
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + db);
            }
            Flyway.configure().dataSource(postgres.getDatabase("postgres", db)).locations(SchemaMigration.LOCATIONS)
                    .failOnMissingLocations(false).outOfOrder(true).load().migrate();
            return postgres.getDatabase("medgo_app", db);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
