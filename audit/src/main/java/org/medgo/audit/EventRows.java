package org.medgo.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads stored audit rows back into {@link StoredEvent}s (for verification and search). */
public final class EventRows {
    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "seq, recorded, event_type, subtype, action, outcome, outcome_detail, "
            + "client_id, user_id, patient_ref, entity_ref, request_id, details, prev_hash, hash";

    private static final Pattern PAIR = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

    private EventRows() {
    }

    public static StoredEvent read(ResultSet rs) throws SQLException {
        String detailsText = rs.getString(13);
        AuditRecord r = new AuditRecord(EventType.ofCode(rs.getString(3)), rs.getString(4), rs.getString(5).charAt(0),
                Outcome.ofCode(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getString(12), parseDetails(detailsText));
        return new StoredEvent(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), r, rs.getBytes(14),
                rs.getBytes(15));
    }

    /** The raw stored details text (what the hash covers). */
    public static String detailsText(ResultSet rs) throws SQLException {
        return rs.getString(13);
    }

    static Map<String, String> parseDetails(String text) {
        TreeMap<String, String> out = new TreeMap<>();
        Matcher m = PAIR.matcher(text);
        while (m.find()) {
            out.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                if (n == 'u' && i + 4 < s.length()) {
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
