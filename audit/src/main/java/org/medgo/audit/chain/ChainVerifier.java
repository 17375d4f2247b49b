package org.medgo.audit.chain;

import org.medgo.audit.AuditException;
import org.medgo.audit.EventRows;
import org.medgo.audit.StoredEvent;

import javax.sql.DataSource;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recomputes the whole chain from the table and checks every checkpoint against the trusted public key
 * (from a file, not from the database). Streams the rows, so memory stays flat for years of audit data.
 */
public final class ChainVerifier {
    private final DataSource dataSource;
    private final PublicKey trustedKey;

    public ChainVerifier(DataSource dataSource, PublicKey trustedKey) {
        this.dataSource = dataSource;
        this.trustedKey = trustedKey;
    }

    private record Checkpoint(long id, long seq, byte[] head, byte[] signature) {
    }

    public VerificationResult verify() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for rows and checkpoints
            List<Checkpoint> checkpoints = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, seq, head_hash, signature FROM audit_checkpoint ORDER BY seq, id")) {
                while (rs.next()) {
                    checkpoints.add(new Checkpoint(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getBytes(4)));
                }
            }
            for (Checkpoint cp : checkpoints) {
                if (!Checkpointer.verify(trustedKey, cp.seq, cp.head, cp.signature)) {
                    c.rollback();
                    return new VerificationResult(0, 0, cp.seq,
                            "checkpoint " + cp.id + " at seq " + cp.seq + " has a signature that does not verify with the trusted key");
                }
            }
            VerificationResult r = scan(c, checkpoints);
            c.rollback();
            return r;
        } catch (SQLException e) {
            throw new AuditException("audit verification could not read the trail: " + e.getMessage(), e);
        }
    }

    private VerificationResult scan(Connection c, List<Checkpoint> checkpoints) throws SQLException {
        long expectedSeq = 1;
        byte[] prev = ChainHash.GENESIS;
        int nextCp = 0;
        long okCheckpoints = 0;
        try (Statement st = c.createStatement()) {
            st.setFetchSize(2_000);
            try (ResultSet rs = st.executeQuery("SELECT " + EventRows.COLUMNS + " FROM audit_event ORDER BY seq")) {
                while (rs.next()) {
                    StoredEvent e = EventRows.read(rs);
                    if (e.seq() != expectedSeq) {
                        return broken(expectedSeq - 1, okCheckpoints, expectedSeq,
                                "sequence jumps from " + (expectedSeq - 1) + " to " + e.seq() + " (rows missing)");
                    }
                    if (!Arrays.equals(e.prevHash(), prev)) {
                        return broken(expectedSeq - 1, okCheckpoints, e.seq(), "previous-hash link does not match row " + (e.seq() - 1));
                    }
                    byte[] recomputed = ChainHash.of(prev, e.seq(), e.recorded(), e.record(), EventRows.detailsText(rs));
                    if (!Arrays.equals(recomputed, e.hash())) {
                        return broken(expectedSeq - 1, okCheckpoints, e.seq(), "row content does not match its hash");
                    }
                    while (nextCp < checkpoints.size() && checkpoints.get(nextCp).seq == e.seq()) {
                        if (!Arrays.equals(checkpoints.get(nextCp).head, e.hash())) {
                            return broken(expectedSeq - 1, okCheckpoints, e.seq(), "signed checkpoint head differs from the chain here");
                        }
                        okCheckpoints++;
                        nextCp++;
                    }
                    prev = e.hash();
                    expectedSeq++;
                }
            }
        }
        if (nextCp < checkpoints.size()) {
            return broken(expectedSeq - 1, okCheckpoints, expectedSeq,
                    "a signed checkpoint covers seq " + checkpoints.get(nextCp).seq + " but the trail ends at " + (expectedSeq - 1));
        }
        return new VerificationResult(expectedSeq - 1, okCheckpoints, -1, null);
    }

    private static VerificationResult broken(long checked, long checkpoints, long seq, String problem) {
        return new VerificationResult(checked, checkpoints, seq, problem);
    }
}
