package org.medgo.gateway.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Whether a failure means "the database is not reachable now" (as opposed to a bug or bad data): such
 * requests are answered 503 with Retry-After instead of 500, and a job that hit it is retried, not failed.
 */
public final class DatabaseOutage {

    /** What a client is told to wait before retrying while the database is away. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && connectionState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (server shutting down, crashed, not yet up). */
    static boolean connectionState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
