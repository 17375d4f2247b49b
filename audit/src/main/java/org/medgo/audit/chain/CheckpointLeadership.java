package org.medgo.audit.chain;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Which of several gateway processes on one database signs checkpoints: the one whose session holds a
 * PostgreSQL advisory lock. The lock is session-scoped, so it is held as long as one connection of this
 * process stays open, and PostgreSQL releases it the moment that session ends (a clean stop, a
 * {@code kill -9}, a lost network): another process takes it at its next attempt, without any timeout of
 * ours. One signer at a time keeps the external checkpoint log a single growing file and avoids replicas
 * signing the same head over and over.
 *
 * <p>{@link Checkpointer} checks inside its transaction, under the chain lock, that the holding session is
 * still alive; a process that lost the lock between {@link #holds()} and the insert does not sign.
 */
public final class CheckpointLeadership implements AutoCloseable {
    /** Advisory lock key of the signer ('MGCK' in ASCII); another key than the chain's. */
    static final long SIGNER_LOCK = 0x4D47434BL;

    private final DataSource dataSource;
    private final String signer;
    private Connection held;
    private int heldPid;

    /** @param signer how this process names itself in {@code audit_checkpoint.signer} */
    public CheckpointLeadership(DataSource dataSource, String signer) {
        this.dataSource = dataSource;
        this.signer = signer;
    }

    /** Host, process id and a random part: two processes, on one host or not, never share it. */
    public static String processSigner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "-";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String signer() {
        return signer;
    }

    /**
     * True while this process holds the signer lock; when nobody does, takes it. A database error counts as
     * not holding it (the session, and with it the lock, may be gone).
     */
    public synchronized boolean holds() {
        if (held != null) {
            try {
                if (held.isValid(5)) {
                    return true;
                }
            } catch (SQLException e) {
                // fall through: the session is gone, and its lock with it
            }
            closeQuietly();
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT pg_try_advisory_lock(" + SIGNER_LOCK + "), pg_backend_pid()")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    held = c;
                    heldPid = rs.getInt(2);
                    return true;
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            return false;
        }
    }

    /**
     * Whether the session that took the lock still holds it, asked on {@code c} (the checkpoint's own
     * transaction): false when that session ended, even if this process has not noticed yet.
     */
    synchronized boolean stillHeld(Connection c) throws SQLException {
        if (held == null) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ?
                               AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1
                               AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))""")) {
            ps.setInt(1, heldPid);
            ps.setLong(2, SIGNER_LOCK >>> 32);
            ps.setLong(3, SIGNER_LOCK & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Gives the lock up (at shutdown, after the last checkpoint): the next process takes it at once. */
    @Override
    public synchronized void close() {
        if (held != null) {
            try (Statement st = held.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(" + SIGNER_LOCK + ")");
            } catch (SQLException e) {
                // closing the session below releases it as well
            }
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            held.close();
        } catch (SQLException e) {
            // a broken session: nothing to release
        }
        held = null;
        heldPid = 0;
    }
}
