package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jobs in PostgreSQL. States: queued → running → completed | failed | cancelled. A job is claimed with
 * {@code FOR UPDATE SKIP LOCKED}; the request id is unique, so a repeated submission finds the first job.
 */
@Component
public class JobStore {

    /** A claimed job and its input. */
    public record Claimed(Job job, String input) {}

    static final int MAX_ATTEMPTS = 3;

    private final JdbcClient db;

    JobStore(DataSource dataSource) {
        this.db = JdbcClient.create(dataSource);
    }

    /** The job of this request id: a new one, or the one submitted before with the same id. */
    public Job submit(String requestId, String operation, String input) {
        db.sql("""
                INSERT INTO operations_job (id, request_id, operation, input, status, step)
                VALUES (?, ?, ?, ?, 'queued', 'queued') ON CONFLICT (request_id) DO NOTHING""")
                .params(UUID.randomUUID(), requestId, operation, input).update();
        return db.sql(SELECT + " WHERE request_id = ?").param(requestId).query(JobStore::row).single();
    }

    public Optional<Job> find(UUID id) {
        return db.sql(SELECT + " WHERE id = ?").param(id).query(JobStore::row).optional();
    }

    public Optional<Claimed> claimNext() {
        return db.sql("""
                UPDATE operations_job SET status = 'running', step = 'started', attempts = attempts + 1, updated_at = now()
                WHERE id = (SELECT id FROM operations_job WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                RETURNING id, request_id, operation, status, step, attempts, composition_id, error, input""")
                .query((rs, n) -> new Claimed(row(rs, n), rs.getString("input"))).optional();
    }

    public void step(UUID id, String step) {
        db.sql("UPDATE operations_job SET step = ?, updated_at = now() WHERE id = ? AND status = 'running'").params(step, id).update();
    }

    /** Ends a running job; the input (PHI) is dropped. False when it was not running any more. */
    public boolean finish(UUID id, String status, String compositionId, String error) {
        return db.sql("""
                UPDATE operations_job SET status = ?, step = ?, composition_id = ?, error = ?, input = NULL, updated_at = now()
                WHERE id = ? AND status = 'running'""")
                .params(status, status, compositionId == null ? null : UUID.fromString(compositionId), error, id).update() == 1;
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
    public int[] recoverInterrupted() {
        int failed = db.sql("""
                UPDATE operations_job SET status = 'failed', step = 'failed', input = NULL, updated_at = now(),
                       error = 'interrupted by gateway restarts ' || attempts || ' times'
                WHERE status = 'running' AND attempts >= ?""").param(MAX_ATTEMPTS).update();
        int requeued = db.sql("UPDATE operations_job SET status = 'queued', step = 'queued again after a restart', updated_at = now() WHERE status = 'running'")
                .update();
        return new int[] {requeued, failed};
    }

    private static final String SELECT = "SELECT id, request_id, operation, status, step, attempts, composition_id, error FROM operations_job";

    private static Job row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        UUID composition = rs.getObject("composition_id", UUID.class);
        return new Job(rs.getObject("id", UUID.class), rs.getString("request_id"), rs.getString("operation"),
                rs.getString("status"), rs.getString("step"), rs.getInt("attempts"),
                Optional.ofNullable(composition).map(UUID::toString), Optional.ofNullable(rs.getString("error")));
    }
}
