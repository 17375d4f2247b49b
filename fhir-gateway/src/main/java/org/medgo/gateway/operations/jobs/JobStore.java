package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jobs in PostgreSQL. States: queued → running → completed | failed | cancelled. A job is claimed with
 * {@code FOR UPDATE SKIP LOCKED}; the idempotency key (client, request id) is unique, so a repeated submission finds the first job.
 */
@Component
public class JobStore {

    /** A claimed job and its input. */
    public record Claimed(Job job, String input) {}

    /** What {@link #recoverInterrupted()} did. */
    public record Recovered(int requeued, int failed) {}

    static final int MAX_ATTEMPTS = 3;

    private final JdbcClient db;

    JobStore(DataSource dataSource) {
        this.db = JdbcClient.create(dataSource);
    }

    /**
     * The job of this key: a new one, or the one submitted before with the same key (whose input may differ:
     * the caller compares {@link Job#inputSha256()}).
     */
    public Job submit(IdempotencyKey key, String inputSha256, String operation, String input) {
        db.sql("""
                INSERT INTO operations_job (id, request_id, client_key, input_sha256, operation, input, status, step)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', 'queued') ON CONFLICT (client_key, request_id) DO NOTHING""")
                .params(UUID.randomUUID(), key.requestId(), key.client(), inputSha256, operation, input).update();
        return db.sql(SELECT + " WHERE client_key = ? AND request_id = ?").params(key.client(), key.requestId())
                .query(JobStore::row).single();
    }

    public Optional<Job> find(UUID id) {
        return db.sql(SELECT + " WHERE id = ?").param(id).query(JobStore::row).optional();
    }

    public Optional<Claimed> claimNext() {
        return db.sql("""
                UPDATE operations_job SET status = 'running', step = 'started', attempts = attempts + 1, updated_at = now()
                WHERE id = (SELECT id FROM operations_job WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id, request_id, client_key, input_sha256, operation, status, step, attempts, composition_id, error,
                          error_status, input""")
                .query((rs, n) -> new Claimed(row(rs, n), rs.getString("input"))).optional();
    }

    public void step(UUID id, String step) {
        db.sql("UPDATE operations_job SET step = ?, updated_at = now() WHERE id = ? AND status = 'running'").params(step, id).update();
    }

    /** A running job wrote its document. False when it was not running any more. */
    public boolean complete(UUID id, String compositionId) {
        return finish(id, JobStatus.COMPLETED, UUID.fromString(compositionId), null);
    }

    /** A running job failed. False when it was not running any more. */
    public boolean fail(UUID id, JobFailure failure) {
        return finish(id, JobStatus.FAILED, null, failure);
    }

    /** A running job stopped because its client cancelled it. False when it was not running any more. */
    public boolean cancelRunning(UUID id) {
        return finish(id, JobStatus.CANCELLED, null, null);
    }

    /** Ends a running job; the input (PHI) is dropped. */
    private boolean finish(UUID id, JobStatus status, UUID compositionId, JobFailure failure) {
        return db.sql("""
                UPDATE operations_job SET status = ?, step = ?, composition_id = ?, error = ?, error_status = ?, input = NULL,
                       updated_at = now()
                WHERE id = ? AND status = 'running'""")
                .params(status.code(), status.code(), compositionId, failure == null ? null : failure.message(),
                        failure == null ? null : failure.status(), id).update() == 1;
    }

    /** Puts a running job back in the queue (graceful shutdown), to run again at the next start. */
    public void requeue(UUID id) {
        db.sql("UPDATE operations_job SET status = 'queued', step = 'queued again after a shutdown', attempts = greatest(attempts - 1, 0), updated_at = now() WHERE id = ? AND status = 'running'")
                .param(id).update();
    }

    /** Cancels a queued job at once; a running one is cancelled by its worker. True when it was queued. */
    public boolean cancelQueued(UUID id) {
        return db.sql("UPDATE operations_job SET status = 'cancelled', step = 'cancelled', input = NULL, updated_at = now() WHERE id = ? AND status = 'queued'")
                .param(id).update() == 1;
    }

    /**
     * At start: jobs left 'running' by a process that died are queued again (they run from the stored input;
     * the Composition's unique request id keeps it to one), or failed after {@value #MAX_ATTEMPTS} attempts.
     * Assumes one gateway per database (as the embedded database enforces).
     */
    public Recovered recoverInterrupted() {
        int failed = db.sql("""
                UPDATE operations_job SET status = 'failed', step = 'failed', input = NULL, updated_at = now(),
                       error = 'interrupted by gateway restarts ' || attempts || ' times', error_status = 500
                WHERE status = 'running' AND attempts >= ?""").param(MAX_ATTEMPTS).update();
        int requeued = db.sql("UPDATE operations_job SET status = 'queued', step = 'queued again after a restart', updated_at = now() WHERE status = 'running'")
                .update();
        return new Recovered(requeued, failed);
    }

    private static final String SELECT = """
            SELECT id, request_id, client_key, input_sha256, operation, status, step, attempts, composition_id, error, error_status
            FROM operations_job""";

    private static Job row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        UUID composition = rs.getObject("composition_id", UUID.class);
        Integer errorStatus = rs.getObject("error_status", Integer.class);
        Optional<JobFailure> failure = errorStatus == null ? Optional.empty()
                : Optional.of(new JobFailure(errorStatus, rs.getString("error")));
        return new Job(rs.getObject("id", UUID.class), rs.getString("request_id"), rs.getString("client_key"),
                Optional.ofNullable(rs.getString("input_sha256")), rs.getString("operation"),
                JobStatus.ofCode(rs.getString("status")), rs.getString("step"), rs.getInt("attempts"),
                Optional.ofNullable(composition).map(UUID::toString), failure);
    }
}
