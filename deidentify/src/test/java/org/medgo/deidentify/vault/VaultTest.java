package org.medgo.deidentify.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.relink.Reidentifier;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.TextDeidentifier;

/** The vault against a real PostgreSQL 17, migrated by Flyway, used through the least-privilege role. */
class VaultTest {
    private static EmbeddedPostgres postgres;
    private static DataSource owner;
    private static DataSource app;
    private static final VaultKey KEY = VaultKey.of(new byte[32]);
    private static final String NOTE = "患者张伟，住院号：ZY20240315，电话13812345678，于2024年3月5日入院。Seen by Dr. Emily Chen on 03/06/2024.";

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        owner = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(owner).locations("classpath:db/migration/deidentify").load().migrate();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE medgo_app LOGIN");
        }
        app = postgres.getDatabase("medgo_app", "postgres");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static DeidSession sessionWithNote(String[] out) {
        DeidSession session = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        session.usePatient("Patient/p1");
        out[0] = TextDeidentifier.standard().deidentify(NOTE, Language.AUTO, session).text();
        return session;
    }

    @Test
    void storedBytesHoldNoOriginal() throws SQLException {
        String[] text = new String[1];
        DeidSession session = sessionWithNote(text);
        UUID id = new Vault(app, KEY, Clock.systemUTC()).store(session, Duration.ofHours(1));
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT ciphertext, nonce FROM deid_vault WHERE vault_id = '" + id + "'")) {
            assertThat(rs.next()).isTrue();
            byte[] stored = rs.getBytes(1);
            String asText = new String(stored, StandardCharsets.ISO_8859_1);
            String asUtf8 = new String(stored, StandardCharsets.UTF_8);
            for (String phi : new String[] {"ZY20240315", "13812345678", "Emily", "NAME_1"}) {
                assertThat(asText).doesNotContain(phi);
                assertThat(asUtf8).doesNotContain(phi);
            }
            assertThat(asUtf8).doesNotContain("张伟");
            assertThat(rs.getBytes(2)).hasSize(12);
        }
    }

    @Test
    void reidentificationRoundTrip() {
        String[] text = new String[1];
        DeidSession session = sessionWithNote(text);
        assertThat(text[0]).doesNotContain("张伟", "ZY20240315", "2024年3月5日", "03/06/2024", "Emily Chen");
        Vault vault = new Vault(app, KEY, Clock.systemUTC());
        UUID id = vault.store(session, Duration.ofHours(1));
        VaultEntries entries = vault.load(id).orElseThrow();
        assertThat(Reidentifier.reidentify(text[0], entries)).isEqualTo(NOTE);
    }

    @Test
    void expiredEntriesAreInvisibleAndPurged() {
        String[] text = new String[1];
        DeidSession session = sessionWithNote(text);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        UUID id = new Vault(app, KEY, Clock.fixed(t0, ZoneOffset.UTC)).store(session, Duration.ofMinutes(30));
        Vault later = new Vault(app, KEY, Clock.fixed(t0.plus(Duration.ofMinutes(31)), ZoneOffset.UTC));
        assertThat(new Vault(app, KEY, Clock.fixed(t0.plus(Duration.ofMinutes(29)), ZoneOffset.UTC)).load(id)).isPresent();
        assertThat(later.load(id)).isEmpty();
        assertThat(later.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(new Vault(app, KEY, Clock.fixed(t0, ZoneOffset.UTC)).load(id)).isEmpty();
    }

    @Test
    void anotherKeyCannotRead() {
        String[] text = new String[1];
        UUID id = new Vault(app, KEY, Clock.systemUTC()).store(sessionWithNote(text), Duration.ofHours(1));
        byte[] other = new byte[32];
        other[0] = 1;
        assertThatThrownBy(() -> new Vault(app, VaultKey.of(other), Clock.systemUTC()).load(id))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another key");
    }

    @Test
    void applicationRoleCannotRewriteEntries() throws SQLException {
        String[] text = new String[1];
        UUID id = new Vault(app, KEY, Clock.systemUTC()).store(sessionWithNote(text), Duration.ofHours(1));
        try (Connection c = app.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE deid_vault SET expires_at = now() WHERE vault_id = '" + id + "'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void keyFromEnvironmentIsValidated() {
        assertThatThrownBy(() -> VaultKey.fromEnvironment(java.util.Map.of())).hasMessageContaining(VaultKey.ENV);
        assertThatThrownBy(() -> VaultKey.fromEnvironment(java.util.Map.of(VaultKey.ENV, "c2hvcnQ="))).hasMessageContaining("32 bytes");
        String good = java.util.Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(VaultKey.fromEnvironment(java.util.Map.of(VaultKey.ENV, good)).id()).isEqualTo(KEY.id());
    }
}
