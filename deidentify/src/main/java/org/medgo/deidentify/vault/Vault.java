package org.medgo.deidentify.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.sql.DataSource;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.DeidSession.SurrogateEntry;
import org.medgo.deidentify.PhiType;

/**
 * The re-identification vault: for each request, surrogate → original and the date offset, encrypted
 * with AES-256-GCM (random 96-bit nonce, the vault id as associated data so rows cannot be swapped) and
 * stored in PostgreSQL table {@code deid_vault} (migration V3_0) until it expires. Nothing readable
 * leaves the JVM: the database holds ciphertext only. Thread-safe.
 *
 * <pre>{@code
 * Vault vault = new Vault(dataSource, VaultKey.fromEnvironment(System.getenv()), Clock.systemUTC());
 * UUID id = vault.store(session, Duration.ofHours(24));
 * VaultEntries entries = vault.load(id).orElseThrow();   // empty once expired
 * }</pre>
 */
public final class Vault {
    public static final Duration MAX_TTL = Duration.ofDays(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    private final VaultKey key;
    private final Clock clock;

    public Vault(DataSource dataSource, VaultKey key, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource);
        this.key = Objects.requireNonNull(key);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stores the request's surrogates under its request id, which is returned as the vault id. */
    public UUID store(DeidSession session, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("vault ttl must be in (0, " + MAX_TTL + "]");
        }
        UUID id = session.requestId();
        byte[] plain = serialise(session);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        byte[] cipher = crypt(Cipher.ENCRYPT_MODE, nonce, id, plain);
        java.util.Arrays.fill(plain, (byte) 0);
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO deid_vault (vault_id, key_id, nonce, ciphertext, created_at, expires_at) VALUES (?,?,?,?,?,?)"
                     + " ON CONFLICT (vault_id) DO NOTHING")) {
            ps.setObject(1, id);
            ps.setString(2, key.id());
            ps.setBytes(3, nonce);
            ps.setBytes(4, cipher);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now.plus(ttl)));
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("vault entry for this request already exists");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vault store failed: " + e.getSQLState(), e);
        }
        return id;
    }

    /** The request's entries, or empty when unknown or expired. */
    public Optional<VaultEntries> load(UUID vaultId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT key_id, nonce, ciphertext, expires_at FROM deid_vault WHERE vault_id = ? AND expires_at > ?")) {
            ps.setObject(1, vaultId);
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                if (!key.id().equals(rs.getString(1))) {
                    throw new IllegalStateException("vault entry was written with another key (key id " + rs.getString(1) + ")");
                }
                byte[] plain = crypt(Cipher.DECRYPT_MODE, rs.getBytes(2), vaultId, rs.getBytes(3));
                return Optional.of(deserialise(vaultId, plain, rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("vault load failed: " + e.getSQLState(), e);
        }
    }

    /** Deletes expired entries; returns how many. Run it periodically. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM deid_vault WHERE expires_at <= ?")) {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("vault purge failed: " + e.getSQLState(), e);
        }
    }

    private byte[] crypt(int mode, byte[] nonce, UUID aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.secretKey(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("vault " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
                    + " failed (wrong key or tampered row)", e);
        }
    }

    private static byte[] serialise(DeidSession session) {
        ObjectNode root = JSON.createObjectNode();
        root.put("v", 1);
        root.put("offset", session.primaryDateOffsetDays());
        ArrayNode arr = root.putArray("entries");
        for (SurrogateEntry e : session.entries()) {
            arr.addObject().put("s", e.surrogate()).put("t", e.type().name()).put("o", e.original());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static VaultEntries deserialise(UUID id, byte[] plain, Instant expiresAt) {
        try {
            JsonNode root = JSON.readTree(plain);
            List<SurrogateEntry> entries = new ArrayList<>();
            for (JsonNode e : root.path("entries")) {
                entries.add(new SurrogateEntry(e.path("s").asText(), PhiType.valueOf(e.path("t").asText()), e.path("o").asText()));
            }
            return new VaultEntries(id, entries, root.path("offset").asInt(), expiresAt);
        } catch (IOException e) {
            throw new IllegalStateException("vault entry unreadable", e);
        } finally {
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }
}
