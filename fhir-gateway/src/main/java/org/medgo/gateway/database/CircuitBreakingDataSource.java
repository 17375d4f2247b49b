package org.medgo.gateway.database;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool behind a circuit breaker. When getting a connection fails because the database is unreachable,
 * the circuit opens for {@code openFor}: every caller in that time fails at once instead of each waiting the
 * pool's connection timeout, so requests get their 503 within milliseconds and threads do not pile up. The
 * first caller after that tries the database again (half-open); success closes the circuit. No restart is
 * needed when the database comes back.
 */
final class CircuitBreakingDataSource implements DataSource, AutoCloseable {

    private final DataSource pool;
    private final long openForNanos;
    private final LongSupplier clock;
    /** System.nanoTime() until which the circuit is open; 0 when closed. */
    private final AtomicLong openUntil = new AtomicLong();

    CircuitBreakingDataSource(DataSource pool, Duration openFor) {
        this(pool, openFor, System::nanoTime);
    }

    CircuitBreakingDataSource(DataSource pool, Duration openFor, LongSupplier clock) {
        this.pool = pool;
        this.openForNanos = openFor.toNanos();
        this.clock = clock;
    }

    boolean open() {
        long until = openUntil.get();
        return until != 0 && clock.getAsLong() - until < 0;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(pool::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(() -> pool.getConnection(username, password));
    }

    private interface ConnectionCall {
        Connection get() throws SQLException;
    }

    private Connection guarded(ConnectionCall call) throws SQLException {
        if (open()) {
            throw new SQLTransientConnectionException("the database is unreachable (circuit open; retrying shortly)", "08001");
        }
        try {
            Connection c = call.get();
            openUntil.set(0);
            return c;
        } catch (SQLException e) {
            if (DatabaseOutage.causedBy(e)) {
                openUntil.set(clock.getAsLong() + openForNanos | 1); // never 0, which means closed
            }
            throw e;
        }
    }

    /** Closes the pool. */
    @Override
    public void close() throws Exception {
        if (pool instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(pool) ? type.cast(pool) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(pool) || pool.isWrapperFor(type);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }
}
