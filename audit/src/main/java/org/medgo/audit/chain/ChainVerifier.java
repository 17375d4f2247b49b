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
import java.util.Map;
import java.util.TreeMap;

/**
 * Recomputes the whole chain from the table and checks it against every signed checkpoint, those in the
 * database and those in the external log, using the trusted public key (from a file, not the database) and
 * each row's MAC (key from a file too). Streams the rows, so memory stays flat for years of audit data.
 * A checkpoint whose signature does not verify proves nothing either way: it is reported and skipped, and
 * the rows are still checked.
 */
public final class ChainVerifier {
    private final DataSource dataSource;
    private final PublicKey trustedKey;
    private final RowMacKey macKey;
    private final CheckpointLog externalLog;

    /** The chain and the database checkpoints only. */
    public ChainVerifier(DataSource dataSource, PublicKey trustedKey) {
        this(dataSource, trustedKey, null, null);
    }

    /**
     * @param macKey      the row MAC key (null: MACs not checked)
     * @param externalLog the checkpoint log outside the database (null: none)
     */
    public ChainVerifier(DataSource dataSource, PublicKey trustedKey, RowMacKey macKey, CheckpointLog externalLog) {
        this.dataSource = dataSource;
        this.trustedKey = trustedKey;
        this.macKey = macKey;
        this.externalLog = externalLog;
    }

    /** A verified head to compare with the chain: where it came from, for the report. */
    private record Expected(byte[] head, boolean external) {
    }

    public VerificationResult verify() {
        List<String> warnings = new ArrayList<>();
        TreeMap<Long, List<Expected>> expected = new TreeMap<>();
        if (externalLog != null) {
            CheckpointLog.Entries entries = externalLog.read();
            warnings.addAll(entries.unreadable());
            for (SignedCheckpoint cp : entries.checkpoints()) {
                add(expected, cp, true, warnings, "checkpoint log entry");
            }
            if (entries.checkpoints().isEmpty()) {
                warnings.add("the external checkpoint log " + externalLog.file() + " holds no checkpoint yet");
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for rows and checkpoints
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id, seq, head_hash, key_id, signature, created FROM audit_checkpoint ORDER BY seq, id")) {
                while (rs.next()) {
                    SignedCheckpoint cp = new SignedCheckpoint(rs.getLong(2), rs.getBytes(3), rs.getString(4), rs.getBytes(5),
                            rs.getTimestamp(6).toInstant());
                    add(expected, cp, false, warnings, "database checkpoint " + rs.getLong(1));
                }
            }
            VerificationResult r = scan(c, expected, warnings);
            c.rollback();
            return r;
        } catch (SQLException e) {
            throw new AuditException("audit verification could not read the trail: " + e.getMessage(), e);
        }
    }

    private void add(TreeMap<Long, List<Expected>> expected, SignedCheckpoint cp, boolean external, List<String> warnings,
                     String what) {
        if (cp.verifiesWith(trustedKey)) {
            expected.computeIfAbsent(cp.seq(), s -> new ArrayList<>()).add(new Expected(cp.head(), external));
        } else {
            warnings.add(what + " at seq " + cp.seq() + " has a signature that does not verify with the trusted key: skipped");
        }
    }

    private VerificationResult scan(Connection c, TreeMap<Long, List<Expected>> expected, List<String> warnings)
            throws SQLException {
        Scan s = new Scan(warnings);
        try (Statement st = c.createStatement()) {
            st.setFetchSize(2_000);
            try (ResultSet rs = st.executeQuery("SELECT " + EventRows.COLUMNS + ", mac FROM audit_event ORDER BY seq")) {
                while (rs.next()) {
                    StoredEvent e = EventRows.read(rs);
                    VerificationResult broken = s.check(e, EventRows.detailsText(rs), rs.getBytes(16), expected.get(e.seq()));
                    if (broken != null) {
                        return broken;
                    }
                }
            }
        }
        Map.Entry<Long, List<Expected>> beyond = expected.higherEntry(s.expectedSeq - 1);
        if (beyond != null) {
            String where = beyond.getValue().stream().anyMatch(Expected::external) ? "the external checkpoint log" : "a database checkpoint";
            return s.broken(s.expectedSeq, (s.expectedSeq == 1 ? "the trail is empty" : "the trail ends at " + (s.expectedSeq - 1))
                    + " but " + where + " has a signed head at seq " + expected.lastKey() + ": rows were removed");
        }
        if (s.unkeyed > 0) {
            warnings.add(s.unkeyed + " rows from before row MACs (seq 1-" + s.unkeyed + ") are covered by the hash chain only");
        }
        return new VerificationResult(s.expectedSeq - 1, s.checkpoints, s.external, -1, null, warnings);
    }

    /** The running state of one pass over the rows. */
    private final class Scan {
        final List<String> warnings;
        long expectedSeq = 1;
        byte[] prev = ChainHash.GENESIS;
        long checkpoints;
        long external;
        long unkeyed;
        boolean keyedSeen;

        Scan(List<String> warnings) {
            this.warnings = warnings;
        }

        /** Null when the row holds, else the broken result naming it. */
        VerificationResult check(StoredEvent e, String detailsText, byte[] mac, List<Expected> heads) {
            if (e.seq() != expectedSeq) {
                return broken(expectedSeq, "sequence jumps from " + (expectedSeq - 1) + " to " + e.seq() + " (rows missing)");
            }
            if (!Arrays.equals(e.prevHash(), prev)) {
                return broken(e.seq(), "previous-hash link does not match row " + (e.seq() - 1));
            }
            byte[] recomputed = ChainHash.of(prev, e.seq(), e.recorded(), e.record(), detailsText);
            if (!Arrays.equals(recomputed, e.hash())) {
                return broken(e.seq(), "row content does not match its hash");
            }
            if (macKey != null) {
                if (mac == null && keyedSeen) {
                    return broken(e.seq(), "row has no MAC (written without the gateway's row key)");
                } else if (mac == null) {
                    unkeyed++;
                } else if (!macKey.verifies(e.hash(), mac)) {
                    return broken(e.seq(), "row MAC does not verify (not written with the gateway's row key)");
                } else {
                    keyedSeen = true;
                }
            }
            for (Expected head : heads == null ? List.<Expected>of() : heads) {
                if (!Arrays.equals(head.head(), e.hash())) {
                    return broken(e.seq(), "signed checkpoint head (" + (head.external() ? "external log" : "database")
                            + ") differs from the chain here");
                }
                if (head.external()) {
                    external++;
                } else {
                    checkpoints++;
                }
            }
            prev = e.hash();
            expectedSeq++;
            return null;
        }

        VerificationResult broken(long seq, String problem) {
            return new VerificationResult(expectedSeq - 1, checkpoints, external, seq, problem, warnings);
        }
    }
}
