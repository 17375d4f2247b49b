package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Jobs in PostgreSQL. States: queued → running → completed | failed | cancelled. A job is claimed with
 * {@code FOR UPDATE SKIP LOCKED} under a lease ({@link JobLease}) that its worker renews: a running job whose
 * lease lapsed is claimed again, by any process. Each claim has its own owner token, and only the current
 * owner can end the job. The idempotency key (client, request id) is unique, so a repeated submission finds the
 * first job, unless that one failed: then the client's corrected resubmission runs in its place.
 */
@Component
public class JobStore {

    /** A claimed job, its input, and the token of this claim. */
    public record Claimed(Job job, String input, String owner, boolean leaseExpired) {}

    static final int MAX_ATTEMPTS = 3;

    private final JdbcClient db;
    private final JobLease lease;
    /** This process, in the lease owner tokens (host and a random part: two processes never share one). */
    private final String processId = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);

    JobStore(DataSource dataSource, JobLease lease) {
        this.db = JdbcClient.create(dataSource);
        this.lease = lease;
    }

    /**
     * The job of this key: a new one, or the one submitted before with the same key (whose input may differ:
     * the caller compares {@link Job#inputSha256()}). A job that failed gives its key to the same client's
     * resubmission (a corrected record): the job runs again from the new input, under the new fingerprint.
     */
    public Job submit(IdempotencyKey key, String inputSha256, String operation, String input) {
        db.sql("""
                INSERT INTO operations_job (id, request_id, client_key, input_sha256, operation, input, status, step)
                VALUES (?, ?, ?, ?, ?, ?, 'queued', 'queued')
                ON CONFLICT (client_key, request_id) DO UPDATE SET operation = excluded.operation, input = excluded.input,
                    input_sha256 = excluded.input_sha256, status = 'queued', step = 'queued again: resubmitted after it failed',
                    attempts = 0, error = NULL, error_status = NULL, lease_until = NULL, lease_owner = NULL, cancel_requested = false,
                    updated_at = now()
                WHERE operations_job.status = 'failed'""")
                .params(UUID.randomUUID(), key.requestId(), key.client(), inputSha256, operation, input).update();
        return db.sql(SELECT + " WHERE client_key = ? AND request_id = ?").params(key.client(), key.requestId())
                .query(JobStore::row).single();
    }

    public Optional<Job> find(UUID id) {
        return db.sql(SELECT + " WHERE id = ?").param(id).query(JobStore::row).optional();
    }

    /**
     * Claims the oldest queued job, or a running one whose lease lapsed (its worker lost the database or its
     * process died). A lapsed job that already had {@value #MAX_ATTEMPTS} attempts is failed instead.
     */
    public Optional<Claimed> claimNext() {
        db.sql("""
                UPDATE operations_job SET status = 'failed', step = 'failed', input = NULL, updated_at = now(),
                       error = 'its worker stopped ' || attempts || ' times (gateway restarts or database outages)',
                       error_status = 500, lease_until = NULL, lease_owner = NULL
                WHERE status = 'running' AND attempts >= ? AND (lease_until IS NULL OR lease_until < now())""")
                .param(MAX_ATTEMPTS).update();
        String owner = processId + "-" + UUID.randomUUID().toString().substring(0, 8);
        return db.sql("""
                WITH next AS (SELECT id, status = 'running' AS expired FROM operations_job
                              WHERE status = 'queued' OR (status = 'running' AND (lease_until IS NULL OR lease_until < now()))
                              ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
                UPDATE operations_job j SET status = 'running', step = 'started', attempts = attempts + 1, updated_at = now(),
                       lease_until = now() + ?::interval, lease_owner = ?
                FROM next WHERE j.id = next.id
                RETURNING j.id, request_id, client_key, input_sha256, operation, status, step, attempts, composition_id, error, error_status, input, next.expired""")
                .params(lease.duration().toMillis() + " milliseconds", owner)
                .query((rs, n) -> new Claimed(row(rs, n), rs.getString("input"), owner, rs.getBoolean("expired"))).optional();
    }

    /** What a lease renewal found: how many claims are still held, and which of those jobs a client cancelled. */
    public record Renewal(int held, java.util.Set<UUID> cancelRequested) {}

    /**
     * Extends the leases of these claims (a lapsed, re-claimed one is not renewed) and reports the renewed
     * jobs whose cancellation was asked for, in any process.
     */
    public Renewal renew(java.util.Collection<String> owners) {
        if (owners.isEmpty()) {
            return new Renewal(0, java.util.Set.of());
        }
        java.util.List<java.util.Map.Entry<UUID, Boolean>> renewed = db.sql("""
                UPDATE operations_job SET lease_until = now() + ?::interval WHERE status = 'running' AND lease_owner = ANY (?)
                RETURNING id, cancel_requested""")
                .params(lease.duration().toMillis() + " milliseconds", owners.toArray(String[]::new))
                .query((rs, n) -> java.util.Map.entry(rs.getObject("id", UUID.class), rs.getBoolean("cancel_requested"))).list();
        return new Renewal(renewed.size(), renewed.stream().filter(java.util.Map.Entry::getValue).map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /**
     * Cancels a job: a queued one at once (true), a running one by asking its worker, which may be in another
     * process and sees it at its next lease renewal (false).
     */
    public boolean cancel(UUID id) {
        if (cancelQueued(id)) {
            return true;
        }
        db.sql("UPDATE operations_job SET cancel_requested = true, updated_at = now() WHERE id = ? AND status = 'running'")
                .param(id).update();
        return false;
    }

    public void step(Claimed claim, String step) {
        db.sql("UPDATE operations_job SET step = ?, updated_at = now() WHERE id = ? AND status = 'running' AND lease_owner = ?")
                .params(step, claim.job().id(), claim.owner()).update();
    }

    /** A running job wrote its document. False when this claim no longer holds it. */
    public boolean complete(Claimed claim, String compositionId) {
        return finish(claim, JobStatus.COMPLETED, UUID.fromString(compositionId), null);
    }

    /** A running job failed. False when this claim no longer holds it. */
    public boolean fail(Claimed claim, JobFailure failure) {
        return finish(claim, JobStatus.FAILED, null, failure);
    }

    /** A running job stopped because its client cancelled it. False when this claim no longer holds it. */
    public boolean cancelRunning(Claimed claim) {
        return finish(claim, JobStatus.CANCELLED, null, null);
    }

    /** Ends a running job; the input (PHI) is dropped. */
    private boolean finish(Claimed claim, JobStatus status, UUID compositionId, JobFailure failure) {
        return db.sql("""
                UPDATE operations_job SET status = ?, step = ?, composition_id = ?, error = ?, error_status = ?, input = NULL,
                       lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE id = ? AND status = 'running' AND lease_owner = ?""")
                .params(status.code(), status.code(), compositionId, failure == null ? null : failure.message(),
                        failure == null ? null : failure.status(), claim.job().id(), claim.owner()).update() == 1;
    }

    /** Puts a running job back in the queue at once (graceful shutdown, or its worker lost the database). */
    public void requeue(Claimed claim, String why) {
        db.sql("""
                UPDATE operations_job SET status = 'queued', step = ?, attempts = greatest(attempts - 1, 0),
                       lease_until = NULL, lease_owner = NULL, updated_at = now()
                WHERE id = ? AND status = 'running' AND lease_owner = ?""")
                .params("queued again " + why, claim.job().id(), claim.owner()).update();
    }

    /** Cancels a queued job at once; a running one is cancelled by its worker. True when it was queued. */
    public boolean cancelQueued(UUID id) {
        return db.sql("UPDATE operations_job SET status = 'cancelled', step = 'cancelled', input = NULL, updated_at = now() WHERE id = ? AND status = 'queued'")
                .param(id).update() == 1;
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
