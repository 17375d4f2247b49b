package org.medgo.gateway.audit;

import javax.sql.DataSource;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.audit.chain.CheckpointKey;
import org.medgo.audit.chain.Checkpointer;
import org.medgo.audit.fhir.AuditQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/** The audit module's objects as beans, plus the periodic checkpoint (which also makes next month's partition). */
@Configuration
@EnableScheduling
public class AuditConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean(destroyMethod = "close")
    AuditTrail auditTrail(DataSource dataSource) {
        return new AuditTrail(dataSource);
    }

    @Bean
    AuditQuery auditQuery(DataSource dataSource) {
        return new AuditQuery(dataSource);
    }

    @Bean
    CheckpointKey checkpointKey(AuditProperties properties) {
        return CheckpointKey.loadOrCreate(properties.keyDir());
    }

    @Bean
    Checkpointer checkpointer(DataSource dataSource, CheckpointKey key) {
        return new Checkpointer(dataSource, key);
    }

    @Bean
    ApplicationRunner auditPartitions(DataSource dataSource) {
        return args -> AuditTrail.preparePartitions(dataSource);
    }

    @Bean
    CheckpointJob checkpointJob(DataSource dataSource, Checkpointer checkpointer) {
        return new CheckpointJob(dataSource, checkpointer);
    }

    /** Signs the chain head periodically; a missed run only widens the window a rewrite could hide in. */
    static final class CheckpointJob {
        private final DataSource dataSource;
        private final Checkpointer checkpointer;

        CheckpointJob(DataSource dataSource, Checkpointer checkpointer) {
            this.dataSource = dataSource;
            this.checkpointer = checkpointer;
        }

        @Scheduled(fixedDelayString = "${medgo.audit.checkpoint-interval}",
                initialDelayString = "${medgo.audit.checkpoint-interval}")
        void run() {
            try {
                AuditTrail.preparePartitions(dataSource);
                checkpointer.checkpoint().ifPresent(seq -> log.info("audit checkpoint signed at seq {}", seq));
            } catch (RuntimeException e) {
                log.error("audit checkpoint failed: {}", e.getMessage());
            }
        }
    }
}
