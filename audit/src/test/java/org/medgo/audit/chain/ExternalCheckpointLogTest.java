package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone who can rewrite the database (the owner, with triggers off) removes the newest rows together with
 * the database checkpoints past them, or everything: the checkpoint log outside the database still holds the
 * signed head, so verification fails. Without that log both verified as intact.
 */
class ExternalCheckpointLogTest {
    @TempDir
    Path keys;

    private record Setup(AuditDatabase db, CheckpointKey key, RowMacKey mac, CheckpointLog log) {
        VerificationResult verify() {
            return new ChainVerifier(db.app, key.publicKey(), mac, log).verify();
        }
    }

    private Setup chainWithCheckpoints(int rows, int checkpointEvery) {
        AuditDatabase db = AuditDatabase.fresh();
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        RowMacKey mac = RowMacKey.loadOrCreate(keys);
        CheckpointLog log = CheckpointLog.in(keys);
        AuditTrail trail = new AuditTrail(db.app, mac);
        Checkpointer checkpointer = new Checkpointer(db.app, key, log, CheckpointWitness.NONE, e -> { });
        for (int i = 1; i <= rows; i++) {
            trail.record(Records.read("Patient/p" + i, i));
            if (i % checkpointEvery == 0) {
                checkpointer.checkpoint();
            }
        }
        return new Setup(db, key, mac, log);
    }

    @Test
    void anIntactTrailVerifiesAgainstBothCheckpointCopies() {
        Setup s = chainWithCheckpoints(30, 10);
        VerificationResult r = s.verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.events()).isEqualTo(30);
        assertThat(r.checkpoints()).isEqualTo(3);
        assertThat(r.externalCheckpoints()).isEqualTo(3);
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void tailCutTogetherWithItsDatabaseCheckpointsFails() throws Exception {
        Setup s = chainWithCheckpoints(30, 10);
        TamperDetectionTest.asOwnerWithoutTriggers(s.db, "DELETE FROM audit_event WHERE seq > 20");
        TamperDetectionTest.asOwnerWithoutTriggers(s.db, "DELETE FROM audit_checkpoint WHERE seq > 20");
        assertThat(new ChainVerifier(s.db.app, s.key.publicKey()).verify().intact())
                .as("the database alone cannot tell").isTrue();

        VerificationResult r = s.verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(21);
        assertThat(r.problem()).contains("external checkpoint log", "seq 30", "removed");
    }

    @Test
    void aWipedTrailFails() throws Exception {
        Setup s = chainWithCheckpoints(15, 5);
        TamperDetectionTest.asOwnerWithoutTriggers(s.db, "DELETE FROM audit_event");
        TamperDetectionTest.asOwnerWithoutTriggers(s.db, "DELETE FROM audit_checkpoint");

        VerificationResult r = s.verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(1);
        assertThat(r.problem()).contains("empty");
    }

    @Test
    void aLineThatIsNoCheckpointOrHasAForgedSignatureIsReportedAndSkipped() throws Exception {
        Setup s = chainWithCheckpoints(10, 5);
        CheckpointKey attacker = CheckpointKey.loadOrCreate(keys.resolve("attacker"));
        CheckpointLog.in(keys).append(SignedCheckpoint.sign(attacker, 99, new byte[32], java.time.Instant.now()));
        Files.writeString(s.log.file(), "garbage\n", StandardOpenOption.APPEND);

        VerificationResult r = s.verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.externalCheckpoints()).isEqualTo(2);
        assertThat(r.warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("seq 99", "signature"))
                .anySatisfy(w -> assertThat(w).contains("line 4", "not a checkpoint"));
    }
}
