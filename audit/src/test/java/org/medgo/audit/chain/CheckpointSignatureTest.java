package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** Checkpoints are trusted only when their signature verifies with the key kept outside the database. */
class CheckpointSignatureTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointSignedWithAnotherKeyIsReportedAndSkippedAndTheRowsAreStillChecked() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        for (int i = 0; i < 10; i++) {
            trail.record(Records.read("Patient/p", i));
        }
        CheckpointKey trusted = CheckpointKey.loadOrCreate(dir.resolve("trusted"));
        CheckpointKey forged = CheckpointKey.loadOrCreate(dir.resolve("attacker"));
        new Checkpointer(db.app, trusted).checkpoint();
        trail.record(Records.review("Patient/p"));
        new Checkpointer(db.app, forged).checkpoint(); // planted: the app role may insert checkpoints

        VerificationResult planted = new ChainVerifier(db.app, trusted.publicKey()).verify();
        assertThat(planted.intact()).as(planted.problem()).isTrue();
        assertThat(planted.events()).isEqualTo(11);
        assertThat(planted.checkpoints()).isEqualTo(1);
        assertThat(planted.warnings()).singleElement().asString().contains("seq 11", "signature");

        // the planted checkpoint no longer stops the scan: a row edited after it is still found
        TamperDetectionTest.asOwnerWithoutTriggers(db, "UPDATE audit_event SET user_id = 'x' WHERE seq = 11");
        VerificationResult edited = new ChainVerifier(db.app, trusted.publicKey()).verify();
        assertThat(edited.intact()).isFalse();
        assertThat(edited.firstBrokenSeq()).isEqualTo(11);
        assertThat(edited.problem()).contains("hash");
    }

    @Test
    void privateKeyFileIsOwnerOnlyAndReloadsTheSameKey() throws Exception {
        CheckpointKey first = CheckpointKey.loadOrCreate(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(CheckpointKey.PRIVATE_FILE))))
                .isEqualTo("rw-------");
        CheckpointKey again = CheckpointKey.loadOrCreate(dir);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(CheckpointKey.readPublic(CheckpointKey.publicKeyFile(dir))).isEqualTo(first.publicKey());
    }

    @Test
    void nothingNewMeansNoNewCheckpoint() {
        AuditDatabase db = AuditDatabase.fresh();
        Checkpointer cp = new Checkpointer(db.app, CheckpointKey.loadOrCreate(dir));
        assertThat(cp.checkpoint()).isEmpty();
        new AuditTrail(db.app).record(Records.denied());
        assertThat(cp.checkpoint()).hasValue(1);
        assertThat(cp.checkpoint()).isEmpty();
    }
}
