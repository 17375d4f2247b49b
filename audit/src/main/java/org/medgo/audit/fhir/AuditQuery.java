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
        return search(s, 0, false);
    }

    /**
     * One page of the matching events: {@code s.limit()} events after skipping {@code offset}, newest first
     * unless {@code oldestFirst} (ordered by the chain sequence, which follows the recorded time).
     */
    public List<AuditEvent> search(AuditSearch s, int offset, boolean oldestFirst) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        List<Object> args = new ArrayList<>();
        String sql = "SELECT " + EventRows.COLUMNS + " FROM audit_event WHERE true" + where(s, args)
                + " ORDER BY seq " + (oldestFirst ? "ASC" : "DESC") + " LIMIT " + s.limit() + " OFFSET " + offset;
        return query(sql, args);
    }

    /** How many events match (for a search Bundle's total). */
    public long count(AuditSearch s) {
        List<Object> args = new ArrayList<>();
        String sql = "SELECT count(*) FROM audit_event WHERE true" + where(s, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new AuditException("audit count failed: " + e.getMessage(), e);
        }
    }

    private static String where(AuditSearch s, List<Object> args) {
        StringBuilder sql = new StringBuilder();
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
        return sql.toString();
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
