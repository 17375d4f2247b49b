package org.medgo.audit.chain;

import org.medgo.audit.AuditException;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Signs the chain's head (sequence number and hash) and keeps the signature in three places: the external
 * checkpoint log (a file outside the database, written first and synced), the optional witness (another
 * host), and the {@code audit_checkpoint} table. A later rewrite of any row up to that point no longer
 * matches a signed head; rows cut off the end, or a wiped trail, fall short of the external log's newest
 * entry. The chain lock is held while signing, so writers in any process and concurrent checkpoints agree
 * on one head and the log's entries only grow. With several gateway processes on one database, only the
 * holder of the {@link CheckpointLeadership} signs; each row names its signer.
 */
public final class Checkpointer {
    private final DataSource dataSource;
    private final CheckpointKey key;
    private final CheckpointLog externalLog;
    private final CheckpointWitness witness;
    private final Consumer<RuntimeException> witnessFailed;
    private final CheckpointLeadership leadership;
    private final Clock clock = Clock.systemUTC();

    /** Database checkpoints only (no external log, no witness): what tests of the table alone use. */
    public Checkpointer(DataSource dataSource, CheckpointKey key) {
        this(dataSource, key, null, CheckpointWitness.NONE, e -> { }, null);
    }

    /**
     * @param externalLog   where every checkpoint is appended before the database row (null: none)
     * @param witness       told of every checkpoint; its failure goes to {@code witnessFailed}, the checkpoint stands
     */
    public Checkpointer(DataSource dataSource, CheckpointKey key, CheckpointLog externalLog, CheckpointWitness witness,
                        Consumer<RuntimeException> witnessFailed) {
        this(dataSource, key, externalLog, witness, witnessFailed, null);
    }

    /**
     * As above, signing only while {@code leadership} is held (null: always, for one process on its database).
     */
    public Checkpointer(DataSource dataSource, CheckpointKey key, CheckpointLog externalLog, CheckpointWitness witness,
                        Consumer<RuntimeException> witnessFailed, CheckpointLeadership leadership) {
        this.leadership = leadership;
        this.dataSource = dataSource;
        this.key = key;
        this.externalLog = externalLog;
        this.witness = witness;
        this.witnessFailed = witnessFailed;
    }

    /**
     * Signs the current head; empty when the chain has no rows yet, nothing new since the last checkpoint, or
     * another process is the signer.
     */
    public OptionalLong checkpoint() {
        if (leadership != null && !leadership.holds()) {
            return OptionalLong.empty();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + AuditTrail.CHAIN_LOCK + ")");
                if (leadership != null && !leadership.stillHeld(c)) {
                    c.rollback(); // the signer session ended since holds(): another process may sign now
                    return OptionalLong.empty();
                }
                long seq;
                byte[] head;
                try (ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")) {
                    if (!rs.next()) {
                        c.rollback();
                        return OptionalLong.empty();
                    }
                    seq = rs.getLong(1);
                    head = rs.getBytes(2);
                }
                try (ResultSet rs = st.executeQuery("SELECT max(seq) FROM audit_checkpoint")) {
                    if (rs.next() && rs.getLong(1) == seq && !rs.wasNull()) {
                        c.rollback();
                        return OptionalLong.empty();
                    }
                }
                SignedCheckpoint signed = SignedCheckpoint.sign(key, seq, head, clock.instant());
                if (externalLog != null) {
                    externalLog.append(signed);
                }
                publish(signed);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_checkpoint (seq, head_hash, key_id, signature, signer) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setLong(1, seq);
                    ps.setBytes(2, head);
                    ps.setString(3, key.keyId());
                    ps.setBytes(4, signed.signature());
                    ps.setString(5, leadership == null ? null : leadership.signer());
                    ps.executeUpdate();
                }
                c.commit();
                return OptionalLong.of(seq);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new AuditException("audit checkpoint failed: " + e.getMessage(), e);
        }
    }

    private void publish(SignedCheckpoint signed) {
        try {
            witness.publish(signed);
        } catch (RuntimeException e) {
            witnessFailed.accept(e);
        }
    }

    static boolean verify(PublicKey publicKey, long seq, byte[] head, byte[] signature) {
        return new SignedCheckpoint(seq, head, null, signature, null).verifiesWith(publicKey);
    }
}
