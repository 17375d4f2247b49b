package org.medgo.gateway.database;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the database is. Bound from {@code medgo.db.*}, which config/application.yml maps from
 * MEDGO_DB_URL, MEDGO_DB_USER, MEDGO_DB_PASSWORD, MEDGO_DB_MIGRATION_USER, MEDGO_DB_MIGRATION_PASSWORD.
 * A blank url means: run the embedded PostgreSQL. {@code connectTimeout} (MEDGO_DB_CONNECT_TIMEOUT) bounds how
 * long a request waits for a pool connection: while the database is away, callers fail within it instead of
 * hanging (Hikari's default is 30 s).
 */
@Validated
@ConfigurationProperties("medgo.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        String migrationUser,
        String migrationPassword,
        @Min(1) @Max(200) int poolSize,
        @NotNull Duration connectTimeout,
        @Valid @NotNull Embedded embedded) {

    /**
     * The embedded server: its data lives in {@code dataDir/pgdata}; port 0 picks a free port per start.
     * {@code shareRunning}: use the server of a gateway already running on {@code dataDir} instead of
     * refusing to start (for CLI commands such as {@code audit verify}, see GatewayContext).
     */
    public record Embedded(@NotNull Path dataDir, @Min(0) @Max(65535) int port, boolean shareRunning) {}

    public boolean external() {
        return url != null && !url.isBlank();
    }
}
