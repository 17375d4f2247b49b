package org.medgo.audit.chain;

import org.medgo.audit.AuditRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * SHA-256 over the previous hash and a canonical form of a row. The canonical form is built from exactly
 * what the row stores (timestamps at PostgreSQL's microsecond precision, details as the stored text), so
 * verification recomputes it from the table alone. Every field is length-prefixed: no two different
 * rows share an encoding.
 */
final class ChainHash {
    static final byte[] GENESIS = new byte[32];

    private ChainHash() {
    }

    static Instant truncate(Instant t) {
        return t.truncatedTo(ChronoUnit.MICROS);
    }

    static byte[] of(byte[] prevHash, long seq, Instant recorded, AuditRecord r, String detailsText) {
        MessageDigest sha = sha256();
        sha.update(prevHash);
        ByteBuffer head = ByteBuffer.allocate(16).putLong(seq).putLong(micros(recorded));
        sha.update(head.array());
        for (String field : new String[] {r.type().code(), r.subtype(), String.valueOf(r.action()), r.outcome().code(),
                r.outcomeDetail(), r.clientId(), r.userId(), r.patientRef(), r.entityRef(), r.requestId(), detailsText}) {
            if (field == null) {
                sha.update(ByteBuffer.allocate(4).putInt(-1).array());
            } else {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
                sha.update(b);
            }
        }
        return sha.digest();
    }

    /** Details as stored: compact JSON of string values, keys sorted (the record keeps them sorted). */
    static String detailsText(Map<String, String> details) {
        StringBuilder sb = new StringBuilder("{");
        details.forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, k).append(':');
            quote(sb, v);
        });
        return sb.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
