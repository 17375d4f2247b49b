package org.medgo.audit.chain;

import org.medgo.audit.AuditException;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;

/**
 * Signs the chain's head (sequence number and hash) and stores the signature. A later rewrite of any row
 * up to that point changes the hashes and no longer matches a signed head; cutting rows off the end leaves
 * a checkpoint pointing past the last row. Run it periodically (the gateway schedules it).
 */
public final class Checkpointer {
    private final DataSource dataSource;
    private final CheckpointKey key;

    public Checkpointer(DataSource dataSource, CheckpointKey key) {
        this.dataSource = dataSource;
        this.key = key;
    }

    /** Signs the current head; empty when the chain has no rows yet or nothing new since the last checkpoint. */
    public OptionalLong checkpoint() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + AuditTrail.CHAIN_LOCK + ")");
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
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO audit_checkpoint (seq, head_hash, key_id, signature) VALUES (?, ?, ?, ?)")) {
                    ps.setLong(1, seq);
                    ps.setBytes(2, head);
                    ps.setString(3, key.keyId());
                    ps.setBytes(4, sign(seq, head));
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

    private byte[] sign(long seq, byte[] head) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.privateKey());
            s.update(message(seq, head));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(PublicKey publicKey, long seq, byte[] head, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message(seq, head));
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] message(long seq, byte[] head) {
        return ("medgo-audit-checkpoint|" + seq + "|" + ChainHash.hex(head)).getBytes(StandardCharsets.US_ASCII);
    }
}
