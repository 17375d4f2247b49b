package org.medgo.gateway.audit;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.audit.chain.CheckpointLeadership;
import org.medgo.audit.chain.Checkpointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the chain head is signed: every {@code checkpoint-interval}, once {@code checkpoint-every} events were
 * written since the last one, and at shutdown after the trail was flushed. A missed run only widens the
 * window in which rows at the end could be removed unnoticed; it never stops the gateway. With several
 * gateway processes on one database only the holder of the {@link CheckpointLeadership} signs; the others'
 * events are signed by its next checkpoint, and when it stops (or dies) another process takes over.
 */
@Component
class AuditCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final DataSource dataSource;
    private final Checkpointer checkpointer;
    private final CheckpointLeadership leadership;
    private final int every;
    private volatile boolean signing;
    private final AtomicLong lastSigned = new AtomicLong();
    private volatile AuditTrail trail;

    AuditCheckpoints(DataSource dataSource, Checkpointer checkpointer, CheckpointLeadership leadership, AuditProperties properties) {
        this.dataSource = dataSource;
        this.checkpointer = checkpointer;
        this.leadership = leadership;
        this.every = properties.checkpointEvery();
    }

    void watch(AuditTrail trail) {
        this.trail = trail;
    }

    @Scheduled(fixedDelayString = "${medgo.audit.checkpoint-interval}",
            initialDelayString = "${medgo.audit.checkpoint-interval}")
    void periodic() {
        try {
            AuditTrail.preparePartitions(dataSource);
        } catch (RuntimeException e) {
            log.error("audit partitions: {}", e.getMessage());
        }
        sign("periodic");
    }

    /** Cheap when nothing happened: compares two numbers in memory. */
    @Scheduled(fixedDelay = 2_000, initialDelay = 2_000)
    void afterEnoughEvents() {
        AuditTrail t = trail;
        if (t != null && t.lastCommittedSeq() - lastSigned.get() >= every) {
            sign("after " + every + " events");
        }
    }

    /** The last checkpoint, then the signer lock goes to the next process at once. */
    @PreDestroy
    void atShutdown() {
        sign("at shutdown");
        leadership.close();
    }

    private void sign(String why) {
        boolean leading = leadership.holds();
        if (leading != signing) {
            signing = leading;
            log.info(leading ? "this process signs the audit checkpoints now (signer {})"
                    : "another process signs the audit checkpoints (this one is {})", leadership.signer());
        }
        if (!leading) {
            return;
        }
        try {
            checkpointer.checkpoint().ifPresent(seq -> {
                lastSigned.accumulateAndGet(seq, Math::max);
                log.info("audit checkpoint signed at seq {} ({})", seq, why);
            });
        } catch (RuntimeException e) {
            log.error("audit checkpoint ({}) failed: {}", why, e.getMessage());
        }
    }
}
