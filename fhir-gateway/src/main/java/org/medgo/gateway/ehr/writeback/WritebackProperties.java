package org.medgo.gateway.ehr.writeback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Write-back of reviewed notes to the EMR (only with an EMR connection): {@code documentReference} also sends
 * the note as a DocumentReference (text/plain + text/html), for EMRs that take notes only that way;
 * {@code rejections}: {@code skip} (nothing reaches the EMR) or {@code entered-in-error} (the rejected draft
 * is written with that status). Delivery retries with exponential backoff from {@code initialBackoff} to
 * {@code maxBackoff}, {@code maxAttempts} times, then the row is {@code failed}.
 */
@ConfigurationProperties("medgo.ehr.writeback")
public record WritebackProperties(boolean enabled, boolean documentReference, Rejections rejections, int maxAttempts,
        Duration pollInterval, Duration initialBackoff, Duration maxBackoff) {

    public enum Rejections { SKIP, ENTERED_IN_ERROR }

    public WritebackProperties {
        rejections = rejections == null ? Rejections.SKIP : rejections;
        maxAttempts = maxAttempts <= 0 ? 10 : maxAttempts;
        pollInterval = pollInterval == null || pollInterval.isZero() ? Duration.ofSeconds(2) : pollInterval;
        initialBackoff = initialBackoff == null || initialBackoff.isZero() ? Duration.ofSeconds(5) : initialBackoff;
        maxBackoff = maxBackoff == null || maxBackoff.isZero() ? Duration.ofMinutes(10) : maxBackoff;
    }
}
