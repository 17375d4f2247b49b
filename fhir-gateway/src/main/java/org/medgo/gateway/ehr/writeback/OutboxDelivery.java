package org.medgo.gateway.ehr.writeback;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.audit.Outcome;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.ehr.EhrClient;
import org.medgo.gateway.ehr.EhrConnection;
import org.medgo.gateway.ehr.EhrUnavailableException;
import org.medgo.gateway.ehr.EhrAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due outbox rows to the EMR, one at a time, each under a row lock ({@code FOR UPDATE SKIP
 * LOCKED}, so gateways sharing a database never send the same row at once). Success stores the EMR's id
 * and version; a failure is retried later with exponential backoff (the schedule is in the table, so it
 * survives restarts) until {@code maxAttempts}, then the row is {@code failed}. An EMR error that retrying
 * cannot cure (4xx other than 408/429) fails the row at once. Every attempt is audited.
 */
@Component
class OutboxDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxDelivery.class);
    private static final Requester GATEWAY = new Requester("medgo-gateway", null);

    private record Due(UUID id, UUID compositionId, NoteKind kind, String resource, int attempts) {}

    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final EhrConnection ehr;
    private final WritebackProperties properties;
    private final EhrAudit audit;
    private ScheduledExecutorService worker;

    OutboxDelivery(DataSource dataSource, FhirContext fhir, EhrConnection ehr, WritebackProperties properties,
            EhrAudit audit, WritebackOutbox outbox, MeterRegistry meters) {
        this.db = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.fhir = fhir;
        this.ehr = ehr;
        this.properties = properties;
        this.audit = audit;
        for (OutboxStatus status : List.of(OutboxStatus.PENDING, OutboxStatus.FAILED)) {
            Gauge.builder("medgo.ehr.outbox.depth", outbox, o -> o.count(status))
                    .description("notes waiting for (pending) or given up on (failed) delivery to the EMR")
                    .tag("status", status.code()).register(meters);
        }
    }

    @Override
    public synchronized void start() {
        if (ehr.client().isEmpty() || !properties.enabled()) {
            return;
        }
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ehr-outbox");
            t.setDaemon(true);
            return t;
        });
        long every = properties.pollInterval().toMillis();
        worker.scheduleWithFixedDelay(this::deliverDueSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.shutdownNow();
            worker = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return worker != null;
    }

    private void deliverDueSafely() {
        try {
            while (deliverOne()) {
                // next due row
            }
        } catch (RuntimeException e) {
            // the database is away: the next round tries again
            log.warn("EMR outbox round failed: {}", e.getClass().getSimpleName());
        }
    }

    /** Delivers the oldest due row, if any; whether there was one. */
    boolean deliverOne() {
        Boolean delivered = tx.execute(status -> {
            Due due = db.sql("""
                    SELECT id, composition_id, kind, resource::text, attempts FROM ehr_outbox
                    WHERE status = 'pending' AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                    .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), NoteKind.ofCode(rs.getString(3)),
                            rs.getString(4), rs.getInt(5)))
                    .optional().orElse(null);
            if (due == null) {
                return false;
            }
            attempt(due);
            return true;
        });
        return Boolean.TRUE.equals(delivered);
    }

    private void attempt(Due due) {
        int attempt = due.attempts() + 1;
        String entity = "Composition/" + due.compositionId();
        EhrClient client = ehr.require();
        try {
            Resource resource = (Resource) fhir.newJsonParser().parseResource(due.resource());
            EhrClient.Written written = client.createIfNoneExist(resource, EmrNotes.ifNoneExist(due.compositionId().toString()));
            db.sql("UPDATE ehr_outbox SET status = 'sent', attempts = ?, ehr_id = ?, ehr_version = ?, sent_at = now(), "
                            + "last_error = NULL WHERE id = ?")
                    .params(attempt, written.id(), written.version(), due.id()).update();
            audit.record("ehr-write", Outcome.SUCCESS, null, GATEWAY, null, entity, due.id().toString(),
                    Map.of("kind", due.kind().code(), "attempt", attempt, "ehr", client.base(),
                            "ehrResource", due.kind().resourceType() + "/" + written.id() + "/_history/" + written.version(),
                            "created", written.created()));
            log.info("EMR write-back {} of {}: {}/{} version {} ({}), attempt {}", due.kind().code(), entity,
                    due.kind().resourceType(), written.id(), written.version(), written.created() ? "created" : "already there", attempt);
        } catch (RuntimeException e) {
            int status = e instanceof BaseServerResponseException b ? b.getStatusCode() : 0;
            boolean hopeless = status >= 400 && status < 500 && status != 408 && status != 429 && !(e instanceof EhrUnavailableException);
            boolean giveUp = hopeless || attempt >= properties.maxAttempts();
            String error = (status > 0 ? "HTTP " + status + " " : "") + e.getClass().getSimpleName();
            db.sql("UPDATE ehr_outbox SET status = ?, attempts = ?, last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond' "
                            + "WHERE id = ?")
                    .params(giveUp ? OutboxStatus.FAILED.code() : OutboxStatus.PENDING.code(), attempt, error,
                            backoff(attempt).toMillis(), due.id()).update();
            audit.record("ehr-write", giveUp ? Outcome.SERIOUS_FAILURE : Outcome.MINOR_FAILURE, error, GATEWAY,
                    null, entity, due.id().toString(), Map.of("kind", due.kind().code(), "attempt", attempt, "gaveUp", giveUp));
            log.warn("EMR write-back {} of {} failed (attempt {}): {}{}", due.kind().code(), entity, attempt, error,
                    giveUp ? "; given up" : "; will retry");
        }
    }

    Duration backoff(int attempt) {
        long millis = properties.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, properties.maxBackoff().toMillis()));
    }
}
