package org.medgo.audit.chain;

import org.junit.jupiter.api.Test;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.testing.AuditDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What PostgreSQL would refuse is refused when the record is built: records are committed in groups, so a
 * row failing in the database would fail every other caller of its group.
 */
class RecordLimitsTest {

    /** 16 entries "kNN" → stored length 1 + 9·16 + Σ values; 15 × 500 + lastValue. */
    private static AuditRecord.Builder withDetails(int lastValue) {
        TreeMap<String, String> details = new TreeMap<>();
        for (int i = 0; i < 15; i++) {
            details.put("k%02d".formatted(i), "x".repeat(500));
        }
        details.put("k15", "x".repeat(lastValue));
        return AuditRecord.builder(EventType.MODEL_RUN, "summarize").action('E').details(details);
    }

    @Test
    void detailsAtTheStoreLimitAreStoredAndOneMoreCharacterIsRefusedAtBuild() throws Exception {
        AuditDatabase db = AuditDatabase.fresh();
        try (AuditTrail trail = new AuditTrail(db.app)) {
            long seq = trail.record(withDetails(355).build());
            try (Connection c = db.app.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT length(details) FROM audit_event WHERE seq = " + seq)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(8000);
            }
        }
        assertThatThrownBy(() -> withDetails(356).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("details longer than 8000");
    }

    @Test
    void escapedCharactersCountAsStored() {
        // 355 quote characters are stored as 710: far over the limit although the value is short enough.
        assertThatThrownBy(() -> withDetails(0).detail("k15", "\"".repeat(355)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("details longer than");
    }

    @Test
    void nulInAFieldIsRefusedAtBuild() {
        assertThatThrownBy(() -> AuditRecord.builder(EventType.REST, "read").request("req\0id").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestId contains a NUL");
    }
}
