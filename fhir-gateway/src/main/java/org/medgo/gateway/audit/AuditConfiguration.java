package org.medgo.gateway.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.sql.DataSource;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.audit.chain.CheckpointKey;
import org.medgo.audit.chain.CheckpointLeadership;
import org.medgo.audit.chain.CheckpointLog;
import org.medgo.audit.chain.CheckpointWitness;
import org.medgo.audit.chain.Checkpointer;
import org.medgo.audit.chain.RowMacKey;
import org.medgo.audit.chain.SyslogWitness;
import org.medgo.audit.fhir.AuditQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The audit module's objects as beans; the checkpoints they feed run in {@link AuditCheckpoints}. */
@Configuration
@EnableScheduling
public class AuditConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    /**
     * Depends on {@link AuditCheckpoints} so that, at shutdown, the trail is flushed (everything depending on
     * it, request handling and jobs included, already stopped) before the final checkpoint signs the head.
     */
    @Bean(destroyMethod = "close")
    AuditTrail auditTrail(DataSource dataSource, RowMacKey macKey, AuditCheckpoints checkpoints) {
        AuditTrail trail = new AuditTrail(dataSource, macKey);
        checkpoints.watch(trail);
        return trail;
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
    RowMacKey rowMacKey(AuditProperties properties) {
        return RowMacKey.loadOrCreate(properties.keyDir());
    }

    @Bean
    CheckpointLog checkpointLog(AuditProperties properties) {
        return CheckpointLog.in(properties.checkpointDir());
    }

    /** Several gateways on one database: the one holding this lock signs (closed by AuditCheckpoints at shutdown). */
    @Bean
    CheckpointLeadership checkpointLeadership(DataSource dataSource) {
        return new CheckpointLeadership(dataSource, CheckpointLeadership.processSigner());
    }

    @Bean
    Checkpointer checkpointer(DataSource dataSource, CheckpointKey key, CheckpointLog checkpointLog, AuditProperties properties,
            CheckpointLeadership leadership) {
        return new Checkpointer(dataSource, key, checkpointLog, witness(properties),
                e -> log.warn("audit checkpoint witness: {}", e.getMessage()), leadership);
    }

    private static CheckpointWitness witness(AuditProperties properties) {
        String target = properties.witnessSyslog();
        if (target == null || target.isBlank()) {
            return CheckpointWitness.NONE;
        }
        return SyslogWitness.parse(target.strip(), hostname());
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "-";
        }
    }

    @Bean
    ApplicationRunner auditPartitions(DataSource dataSource) {
        return args -> AuditTrail.preparePartitions(dataSource);
    }
}
