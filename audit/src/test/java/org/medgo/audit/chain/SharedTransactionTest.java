package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.medgo.audit.AuditException;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An audit row written in the caller's transaction commits or rolls back with the data it describes. */
class SharedTransactionTest {

    @Test
    void rollbackTakesTheAuditRowWithIt() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        try (Connection c = db.app.getConnection()) {
            c.setAutoCommit(false);
            trail.record(c, Records.review("Patient/p1"));
            c.rollback();
        }
        try (Connection c = db.app.getConnection()) {
            c.setAutoCommit(false);
            trail.record(c, Records.review("Patient/p1"));
            c.commit();
        }
        try (Connection c = db.owner.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT min(seq), count(*) FROM audit_event")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the rolled-back row left no gap").isEqualTo(1);
            assertThat(rs.getLong(2)).isEqualTo(1);
        }
    }

    @Test
    void writeFailureIsAnAuditException() {
        org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
        nowhere.setServerNames(new String[] {"127.0.0.1"});
        nowhere.setPortNumbers(new int[] {1});
        assertThatThrownBy(() -> new AuditTrail(nowhere).record(Records.denied())).isInstanceOf(AuditException.class);
    }
}
