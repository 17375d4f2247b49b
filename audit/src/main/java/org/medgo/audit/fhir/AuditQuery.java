package org.medgo.audit.fhir;

import org.hl7.fhir.r4.model.AuditEvent;
import org.medgo.audit.AuditException;
import org.medgo.audit.EventRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Read and search of the audit trail as FHIR R4 AuditEvents (IHE BALP shape). */
public final class AuditQuery {
    private final DataSource dataSource;

    public AuditQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<AuditEvent> read(long seq) {
        List<AuditEvent> found = query("SELECT " + EventRows.COLUMNS + " FROM audit_event WHERE seq = ?", List.of(seq));
        return found.stream().findFirst();
    }

    public List<AuditEvent> search(AuditSearch s) {
        StringBuilder sql = new StringBuilder("SELECT " + EventRows.COLUMNS + " FROM audit_event WHERE true");
        List<Object> args = new ArrayList<>();
        if (s.patientRef() != null) {
            sql.append(" AND patient_ref = ?");
            args.add(s.patientRef());
        }
        if (s.from() != null) {
            sql.append(" AND recorded >= ?");
            args.add(s.from().atOffset(ZoneOffset.UTC));
        }
        if (s.to() != null) {
            sql.append(" AND recorded < ?");
            args.add(s.to().atOffset(ZoneOffset.UTC));
        }
        if (s.type() != null) {
            sql.append(" AND event_type = ?");
            args.add(s.type());
        }
        if (s.subtype() != null) {
            sql.append(" AND (subtype = ? OR subtype = 'operation:' || ?)");
            args.add(s.subtype());
            args.add(s.subtype());
        }
        if (s.agent() != null) {
            sql.append(" AND (client_id = ? OR user_id = ?)");
            args.add(s.agent());
            args.add(s.agent());
        }
        sql.append(" ORDER BY seq DESC LIMIT ").append(s.limit());
        return query(sql.toString(), args);
    }

    private List<AuditEvent> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<AuditEvent> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(BalpMapper.toFhir(EventRows.read(rs)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new AuditException("audit search failed: " + e.getMessage(), e);
        }
    }
}
