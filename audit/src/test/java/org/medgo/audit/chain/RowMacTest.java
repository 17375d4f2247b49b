package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application role may INSERT into the trail, so it can append a row whose chain hash is right: the
 * chain alone accepted it. Its MAC needs the key file it does not have.
 */
class RowMacTest {
    @TempDir
    Path keys;

    @Test
    void aRowAppendedByTheApplicationRoleWithACorrectHashButNoKeyFails() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        RowMacKey mac = RowMacKey.loadOrCreate(keys);
        AuditTrail trail = new AuditTrail(db.app, mac);
        for (int i = 1; i <= 5; i++) {
            trail.record(Records.read("Patient/p", i));
        }
        forgeNextRow(db, Records.review("Patient/p"), new byte[32]);
        CheckpointKey key = CheckpointKey.loadOrCreate(keys);
        assertThat(new ChainVerifier(db.app, key.publicKey()).verify().intact()).as("the chain alone").isTrue();

        VerificationResult r = new ChainVerifier(db.app, key.publicKey(), mac, null).verify();
        assertThat(r.intact()).isFalse();
        assertThat(r.firstBrokenSeq()).isEqualTo(6);
        assertThat(r.problem()).contains("MAC");
    }

    @Test
    void aRowWithoutMacAfterKeyedRowsFails() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        RowMacKey mac = RowMacKey.loadOrCreate(keys);
        new AuditTrail(db.app, mac).record(Records.denied());
        forgeNextRow(db, Records.denied(), null);
        VerificationResult r = new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey(), mac, null).verify();
        assertThat(r.firstBrokenSeq()).isEqualTo(2);
        assertThat(r.problem()).contains("no MAC");
    }

    @Test
    void rowsFromBeforeMacsAreAcceptedAndCounted() {
        AuditDatabase db = AuditDatabase.fresh();
        new AuditTrail(db.app).record(Records.denied());
        RowMacKey mac = RowMacKey.loadOrCreate(keys);
        new AuditTrail(db.app, mac).record(Records.denied());
        VerificationResult r = new ChainVerifier(db.app, CheckpointKey.loadOrCreate(keys).publicKey(), mac, null).verify();
        assertThat(r.intact()).as(r.problem()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("1 rows from before row MACs");
    }

    @Test
    void theKeyFileIsOwnerOnlyAndStable() throws Exception {
        RowMacKey first = RowMacKey.loadOrCreate(keys);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(RowMacKey.file(keys)))).isEqualTo("rw-------");
        byte[] hash = new byte[32];
        assertThat(RowMacKey.loadOrCreate(keys).verifies(hash, first.mac(hash))).isTrue();
    }

    /** What an attacker with the application role's login can do: read the head, append the next row. */
    private static void forgeNextRow(AuditDatabase db, AuditRecord record, byte[] fakeMac) throws Exception {
        try (Connection c = db.app.getConnection()) {
            long seq;
            byte[] prev;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")) {
                rs.next();
                seq = rs.getLong(1) + 1;
                prev = rs.getBytes(2);
            }
            Instant recorded = ChainHash.truncate(Instant.now());
            String details = ChainHash.detailsText(record.details());
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO audit_event (seq, recorded, event_type, subtype, action, outcome, outcome_detail, client_id,
                        user_id, patient_ref, entity_ref, request_id, details, prev_hash, hash, mac)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
                ps.setBytes(15, ChainHash.of(prev, seq, recorded, record, details));
                ps.setBytes(16, fakeMac);
                ps.executeUpdate();
            }
        }
    }
}
