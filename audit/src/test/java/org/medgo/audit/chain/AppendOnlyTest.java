package org.medgo.audit.chain;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.audit.testing.AuditDatabase;
import org.medgo.audit.testing.Records;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The application role can append and read the trail and nothing else; the owner is stopped by triggers. */
class AppendOnlyTest {
    static AuditDatabase db;
    /** This month's partition, where the rows written in setUp land. */
    static final String partition = "audit_event_" + LocalDate.now(java.time.ZoneOffset.UTC).toString().substring(0, 7).replace('-', '_');

    @BeforeAll
    static void setUp() {
        db = AuditDatabase.fresh();
        AuditTrail trail = new AuditTrail(db.app);
        AuditTrail.preparePartitions(db.app);
        for (int i = 0; i < 5; i++) {
            trail.record(Records.read("Patient/p1", i));
        }
    }

    @Test
    void appRoleCannotUpdateDeleteOrTruncate() {
        for (String sql : new String[] {
                "UPDATE audit_event SET outcome_detail = 'x' WHERE seq = 1",
                "DELETE FROM audit_event WHERE seq = 1",
                "TRUNCATE audit_event",
                "UPDATE " + partition + " SET outcome_detail = 'x'",
                "DELETE FROM " + partition,
                "TRUNCATE " + partition,
                "TRUNCATE audit_event_default",
                "DELETE FROM audit_checkpoint",
                "DROP TABLE audit_event",
                "ALTER TABLE audit_event DISABLE TRIGGER ALL"}) {
            assertThatThrownBy(() -> exec(db.app, sql)).as(sql).isInstanceOf(SQLException.class);
        }
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void ownerIsStoppedByTheTriggers() {
        for (String sql : new String[] {
                "UPDATE audit_event SET outcome_detail = 'x' WHERE seq = 2",
                "DELETE FROM audit_event WHERE seq = 2",
                "TRUNCATE audit_event",
                "TRUNCATE " + partition,
                "DELETE FROM " + partition}) {
            assertThatThrownBy(() -> exec(db.owner, sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
        }
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void rowsLandInTheMonthlyPartition() throws SQLException {
        try (Connection c = db.owner.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT tableoid::regclass::text FROM audit_event WHERE seq = 1")) {
            rs.next();
            assertThat(rs.getString(1)).matches("audit_event_\\d{4}_\\d{2}");
        }
    }

    private static long count() {
        try (Connection c = db.owner.getConnection(); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM audit_event")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(javax.sql.DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
