package org.medgo.gateway.audit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Audit trail settings ({@code medgo.audit.*}).
 *
 * @param keyDir             where the Ed25519 checkpoint key pair and the row MAC key live (outside the
 *                           database); MEDGO_AUDIT_KEY_DIR, default $MEDGO_DATA_DIR/audit
 * @param checkpointDir      where the signed checkpoint log ({@code checkpoints.log}) is appended, ideally
 *                           append-only or write-once storage; MEDGO_AUDIT_CHECKPOINT_DIR, default keyDir
 * @param checkpointInterval how often the chain head is signed; MEDGO_AUDIT_CHECKPOINT_INTERVAL
 * @param checkpointEvery    also sign once this many events were written since the last checkpoint;
 *                           MEDGO_AUDIT_CHECKPOINT_EVERY
 * @param witnessSyslog      {@code host:port} of a syslog receiver (SIEM) that gets every checkpoint as an
 *                           RFC 5424 message over UDP; blank: none. MEDGO_AUDIT_WITNESS_SYSLOG
 */
@Validated
@ConfigurationProperties("medgo.audit")
public record AuditProperties(@NotNull Path keyDir, @NotNull Path checkpointDir, @NotNull Duration checkpointInterval,
                              @Min(1) int checkpointEvery, String witnessSyslog) {
}
