package org.medgo.gateway.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Checks MEDGO_DB_URL before the application starts, so a typo or an unreachable server is reported as
 * one line that names the variable to fix. Passwords never appear in the message.
 */
public final class ExternalDatabaseCheck {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private ExternalDatabaseCheck() {}

    /** @return a one-line problem description, or empty when the database is usable (or embedded). */
    public static Optional<String> check(Map<String, String> environment) {
        String url = environment.getOrDefault("MEDGO_DB_URL", "");
        if (url.isBlank()) {
            return Optional.empty();
        }
        Properties parsed = url.startsWith("jdbc:postgresql:") ? Driver.parseURL(url, null) : null;
        if (parsed == null) {
            return Optional.of("MEDGO_DB_URL is not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:5432/database)");
        }
        String where = parsed.getProperty("PGHOST", "?") + ":" + parsed.getProperty("PGPORT", "5432")
                + "/" + parsed.getProperty("PGDBNAME", "");
        String user = environment.getOrDefault("MEDGO_DB_USER", "");
        if (user.isBlank() && !parsed.containsKey("user")) {
            return Optional.of("MEDGO_DB_USER is not set (MEDGO_DB_URL points at " + where + ")");
        }
        Properties login = new Properties();
        if (!user.isBlank()) {
            login.setProperty("user", user);
        }
        login.setProperty("password", environment.getOrDefault("MEDGO_DB_PASSWORD", ""));
        login.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        login.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        try (Connection ignored = DriverManager.getConnection(url, login)) {
            return Optional.empty();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28")) {
                return Optional.of("MEDGO_DB_USER/MEDGO_DB_PASSWORD were rejected by the database at MEDGO_DB_URL (" + where + ")");
            }
            if (state.equals("3D000")) {
                return Optional.of("MEDGO_DB_URL names a database that does not exist (" + where + ")");
            }
            return Optional.of("MEDGO_DB_URL: cannot connect to " + where + " (" + firstLine(e) + ")");
        }
    }

    private static String firstLine(SQLException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse("");
    }
}
