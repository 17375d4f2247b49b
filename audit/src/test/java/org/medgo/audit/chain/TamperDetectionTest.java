package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Changes made by the owner with the triggers switched off are found by verification, at the right row. */
class TamperDetectionTest {
    @TempDir
    Path keys;

    private AuditDatabase chainOf(int n) {
        AuditDatabase db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        for (int i = 1; i <= n; i++) {
            trail.record(i % 10 == 0 ? Records.modelRun("Patient/p" + i) : Records.read("Patient/p" + i, i));
        }
        return db;
    }

    @Test
    void intactChainVerifies() {
        AuditDatabase db = chainOf(100);
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        new Checkpointer(db.app, key).checkpoint();
        VerificationResult r = new ChainVerifier(db.app, key.publicKey()).verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.events()).isEqualTo(100);
        assertThat(r.checkpoints()).isEqualTo(1);
    }

    @Test
    void editedRowIsReportedAtItsSequenceNumber() throws SQLException {
        AuditDatabase db = chainOf(100);
        asOwnerWithoutTriggers(db, "UPDATE audit_event SET user_id = 'Practitioner/someone-else' WHERE seq = 37");
        VerificationResult r = new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey()).verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(37);
    }

    @Test
    void editedDetailsAreReported() throws SQLException {
        AuditDatabase db = chainOf(50);
        asOwnerWithoutTriggers(db, "UPDATE audit_event SET details = replace(details, '240', '24') WHERE seq = 30");
        assertThat(new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey()).verify().firstBrokenSeq())
                .isEqualTo(30);
    }

    @Test
    void deletedRowIsReported() throws SQLException {
        AuditDatabase db = chainOf(60);
        asOwnerWithoutTriggers(db, "DELETE FROM audit_event WHERE seq = 12");
        VerificationResult r = new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey()).verify();
        assertThat(r.firstBrokenSeq()).isEqualTo(12);
    }

    @Test
    void rowsCutOffTheEndAfterACheckpointAreReported() throws SQLException {
        AuditDatabase db = chainOf(40);
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        new Checkpointer(db.app, key).checkpoint();
        asOwnerWithoutTriggers(db, "DELETE FROM audit_event WHERE seq > 35");
        VerificationResult r = new ChainVerifier(db.app, key.publicKey()).verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(36);
    }

    @Test
    void rewrittenChainWithRecomputedHashesFailsTheSignedCheckpoint() throws SQLException {
        AuditDatabase db = chainOf(20);
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        new Checkpointer(db.app, key).checkpoint();
        // an attacker rewrites the last row and recomputes its hash consistently, but cannot re-sign
        asOwnerWithoutTriggers(db, "UPDATE audit_event SET hash = sha256(hash) WHERE seq = 20");
        VerificationResult r = new ChainVerifier(db.app, key.publicKey()).verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(20);
    }

    static void asOwnerWithoutTriggers(AuditDatabase db, String sql) throws SQLException {
        try (Connection c = db.owner.getConnection(); Statement st = c.createStatement()) {
            st.execute("SET session_replication_role = replica"); // disables ordinary triggers for this session
            st.execute(sql);
        }
    }
}
