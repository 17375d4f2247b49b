package org.medgo.gateway.instance;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.medgo.gateway.BuildVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records each start of the gateway (time, version, host) in {@code gateway_start}: an operator can see
 * when and which version ran against this database, and the first write proves the application role works.
 */
@Component
@ConditionalOnWebApplication // a CLI command that borrows the context is not a start of the gateway
class GatewayStartLog {

    private static final Logger log = LoggerFactory.getLogger(GatewayStartLog.class);

    private final JdbcClient jdbc;

    GatewayStartLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recordStart() {
        long id = jdbc.sql("INSERT INTO gateway_start (software_version, host) VALUES (?, ?) RETURNING id")
                .params(BuildVersion.current(), hostName())
                .query(Long.class)
                .single();
        long starts = jdbc.sql("SELECT count(*) FROM gateway_start").query(Long.class).single();
        log.info("MedGo Gateway {} started (start #{} recorded on this database, {} in total)", BuildVersion.current(), id, starts);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
