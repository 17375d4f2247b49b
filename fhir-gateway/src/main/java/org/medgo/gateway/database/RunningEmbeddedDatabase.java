package org.medgo.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded PostgreSQL of a gateway that is already running on the same MEDGO_DATA_DIR, used by CLI
 * commands (e.g. {@code ./medgo audit verify} next to {@code ./medgo serve}). Closing it leaves that
 * server alone.
 */
record RunningEmbeddedDatabase(DatabaseConnection migrationConnection, DatabaseConnection applicationConnection)
        implements DatabaseLocation {

    static RunningEmbeddedDatabase of(Path dataDir) {
        try {
            int port = Integer.parseInt(Files.readString(dataDir.resolve(EmbeddedDatabase.PORT_FILE)).strip());
            String password = Files.readString(dataDir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip();
            String url = EmbeddedDatabase.url(port);
            return new RunningEmbeddedDatabase(
                    new DatabaseConnection(url, EmbeddedDatabase.SUPERUSER, ""),
                    new DatabaseConnection(url, EmbeddedDatabase.APPLICATION_ROLE, password));
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("a gateway runs on MEDGO_DATA_DIR " + dataDir
                    + " but its database port or password file is unreadable", e);
        }
    }

    @Override
    public void close() {
        // the running gateway owns the server
    }
}
