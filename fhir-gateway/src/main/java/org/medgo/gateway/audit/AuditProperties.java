package org.medgo.gateway.audit;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings ({@code medgo.audit.*}).
 *
 * @param keyDir             where the Ed25519 checkpoint key pair lives (outside the database);
 *                           MEDGO_AUDIT_KEY_DIR, default $MEDGO_DATA_DIR/audit
 * @param checkpointInterval how often the chain head is signed; MEDGO_AUDIT_CHECKPOINT_INTERVAL
 */
@Validated
@ConfigurationProperties("medgo.audit")
public record AuditProperties(@NotNull Path keyDir, @NotNull Duration checkpointInterval) {
}
