package org.medgo.audit.chain;

import org.medgo.audit.AuditException;
import org.medgo.audit.AuditRecord;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends records to the hash chain. Writers serialize on a transaction-scoped advisory lock, so the chain
 * stays one line whatever the number of threads or gateway instances; the lock is released at commit,
 * which is also when the row becomes visible to the next writer.
 *
 * <p>{@link #record(Connection, AuditRecord)} writes inside the caller's transaction: the audit row and
 * the data it describes commit (or roll back) together. {@link #record(AuditRecord)} commits on its own.
 * Any failure is an {@link AuditException}: the caller must not carry out the action unrecorded.
 */
public final class AuditTrail implements AutoCloseable {
    /** Advisory lock key shared by writers and checkpoints ('MGAU' in ASCII). */
    static final long CHAIN_LOCK = 0x4D474155L;

    private static final String HEAD = "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1";
    private static final String INSERT = """
            INSERT INTO audit_event (seq, recorded, event_type, subtype, action, outcome, outcome_detail, client_id,
                                     user_id, patient_ref, entity_ref, request_id, details, prev_hash, hash, mac)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final DataSource dataSource;
    private final RowMacKey macKey;
    private final Clock clock;
    private final AtomicLong lastCommitted = new AtomicLong();
    private volatile GroupCommitWriter writer;

    /** Rows without a MAC: for tests of the chain alone. The gateway uses {@link #AuditTrail(DataSource, RowMacKey)}. */
    public AuditTrail(DataSource dataSource) {
        this(dataSource, null, Clock.systemUTC());
    }

    /** Every row carries HMAC-SHA256 of its hash under {@code macKey} (a file outside the database). */
    public AuditTrail(DataSource dataSource, RowMacKey macKey) {
        this(dataSource, macKey, Clock.systemUTC());
    }

    AuditTrail(DataSource dataSource, RowMacKey macKey, Clock clock) {
        this.dataSource = dataSource;
        this.macKey = macKey;
        this.clock = clock;
    }

    /** The highest sequence number this trail has committed through {@link #record(AuditRecord)} (0: none yet). */
    public long lastCommittedSeq() {
        return lastCommitted.get();
    }

    /** Makes this month's and next month's partitions (idempotent); call at start and from the checkpoint job. */
    public static void preparePartitions(DataSource dataSource) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT audit_ensure_month(?)")) {
            for (LocalDate month : new LocalDate[] {today, today.plusMonths(1)}) {
                ps.setObject(1, month);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new AuditException("cannot prepare audit partitions: " + e.getMessage(), e);
        }
    }

    /**
     * Records in its own transaction and returns the sequence number once the row is committed. Concurrent
     * callers are committed together (group commit by one writer thread), so the chain lock and the commit's
     * flush are paid once per batch instead of once per event.
     */
    public long record(AuditRecord record) {
        long seq = writer().submit(record);
        lastCommitted.accumulateAndGet(seq, Math::max);
        return seq;
    }

    /** Appends a batch in one transaction; all or nothing. */
    long[] recordAll(java.util.List<AuditRecord> records) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] seqs = append(c, records);
                c.commit();
                return seqs;
            } catch (RuntimeException | SQLException e) {
                rollbackKeeping(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditException("audit write failed: " + e.getMessage(), e);
        }
    }

    /** A connection that broke fails its rollback too; the caller must see why it broke, not that. */
    private static void rollbackKeeping(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            cause.addSuppressed(rollbackFailed);
        }
    }

    private GroupCommitWriter writer() {
        GroupCommitWriter w = writer;
        if (w == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = new GroupCommitWriter(this::recordAll);
                }
                w = writer;
            }
        }
        return w;
    }

    /** Stops the group-commit thread (records already submitted are written first). */
    @Override
    public void close() {
        GroupCommitWriter w = writer;
        if (w != null) {
            w.close();
        }
    }

    /** Records inside the caller's open transaction (auto-commit must be off); returns the sequence number. */
    public long record(Connection c, AuditRecord record) {
        try {
            if (c.getAutoCommit()) {
                throw new AuditException("record(Connection, ...) needs a transaction (auto-commit off)", null);
            }
            return append(c, java.util.List.of(record))[0];
        } catch (SQLException e) {
            throw new AuditException("audit write failed: " + e.getMessage(), e);
        }
    }

    private long[] append(Connection c, java.util.List<AuditRecord> records) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
        }
        long seq = 0;
        byte[] prev = ChainHash.GENESIS;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(HEAD)) {
            if (rs.next()) {
                seq = rs.getLong(1);
                prev = rs.getBytes(2);
            }
        }
        long[] seqs = new long[records.size()];
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (int i = 0; i < records.size(); i++) {
                AuditRecord record = records.get(i);
                seq++;
                Instant recorded = ChainHash.truncate(clock.instant());
                String details = ChainHash.detailsText(record.details());
                byte[] hash = ChainHash.of(prev, seq, recorded, record, details);
                ps.setLong(1, seq);
                ps.setObject(2, recorded.atOffset(ZoneOffset.UTC));
                ps.setString(3, record.type().code());
                ps.setString(4, record.subtype());
                ps.setString(5, String.valueOf(record.action()));
                ps.setString(6, record.outcome().code());
                ps.setString(7, record.outcomeDetail());
                ps.setString(8, record.clientId());
                ps.setString(9, record.userId());
                ps.setString(10, record.patientRef());
                ps.setString(11, record.entityRef());
                ps.setString(12, record.requestId());
                ps.setString(13, details);
                ps.setBytes(14, prev);
                ps.setBytes(15, hash);
                ps.setBytes(16, macKey == null ? null : macKey.mac(hash));
                ps.addBatch();
                seqs[i] = seq;
                prev = hash;
            }
            ps.executeBatch();
        }
        return seqs;
    }
}
