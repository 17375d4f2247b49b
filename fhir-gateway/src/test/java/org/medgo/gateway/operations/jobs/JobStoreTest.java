package org.medgo.gateway.operations.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.database.MigratedDatabase;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;

/** Job states, failures and leases as typed values through a real PostgreSQL: what is stored is what $job-status reads. */
class JobStoreTest {

    static final Duration LEASE = Duration.ofSeconds(1);
    static final String SHA_A = "a".repeat(64);
    static final String SHA_B = "b".repeat(64);

    private static IdempotencyKey key(String requestId) {
        return new IdempotencyKey("client:emr", requestId);
    }

    private final DataSource database = MigratedDatabase.fresh();
    private final JobStore jobs = new JobStore(database, new JobLease(LEASE));

    @Test
    void aFailedJobKeepsItsHttpStatusApartFromItsMessage() {
        Job submitted = jobs.submit(new IdempotencyKey("client:emr", "req-" + UUID.randomUUID()), "0".repeat(64), "SUMMARIZE", "{}");
        assertThat(submitted.status()).isEqualTo(JobStatus.QUEUED);
        JobStore.Claimed claim = jobs.claimNext().orElseThrow();
        Job claimed = claim.job();
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);

        assertThat(jobs.fail(claim, new JobFailure(422, "503 looks like a status but is the message"))).isTrue();

        Job failed = jobs.find(claimed.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finished()).isTrue();
        assertThat(failed.failure()).contains(new JobFailure(422, "503 looks like a status but is the message"));
    }

    @Test
    void aCancelledQueuedJobHasNoFailure() {
        Job submitted = jobs.submit(new IdempotencyKey("client:emr", "req-" + UUID.randomUUID()), "0".repeat(64), "SUMMARIZE", "{}");

        assertThat(jobs.cancelQueued(submitted.id())).isTrue();

        Job cancelled = jobs.find(submitted.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(cancelled.failure()).isEmpty();
    }

    /** D4: a job whose worker stopped renewing (lost the database, process died) is claimed again, no restart. */
    @Test
    void aRunningJobWhoseLeaseLapsedIsClaimedAgainAndItsFormerWorkerCanNoLongerEndIt() throws Exception {
        Job submitted = jobs.submit(key("req-" + UUID.randomUUID()), SHA_A, "SUMMARIZE", "{}");
        JobStore.Claimed first = jobs.claimNext().orElseThrow();
        assertThat(jobs.claimNext()).as("held by a live lease").isEmpty();

        Thread.sleep(LEASE.toMillis() + 300);
        JobStore.Claimed second = jobs.claimNext().orElseThrow();
        assertThat(second.job().id()).isEqualTo(submitted.id());
        assertThat(second.leaseExpired()).isTrue();
        assertThat(second.job().attempts()).isEqualTo(2);

        assertThat(jobs.fail(first, new JobFailure(500, "late"))).as("the lapsed claim").isFalse();
        assertThat(jobs.renew(List.of(first.owner())).held()).isZero();
        assertThat(jobs.renew(List.of(second.owner())).held()).isEqualTo(1);
        Thread.sleep(LEASE.toMillis() / 2 + 300);
        assertThat(jobs.renew(List.of(second.owner())).held()).as("renewed in time").isEqualTo(1);
        Thread.sleep(LEASE.toMillis() / 2 + 300);
        assertThat(jobs.claimNext()).as("a renewed lease holds").isEmpty();
        assertThat(jobs.fail(second, new JobFailure(422, "bad record"))).isTrue();
    }

    @Test
    void aJobWhoseWorkersStopTooOftenFailsWithA500() throws Exception {
        Job submitted = jobs.submit(key("req-" + UUID.randomUUID()), SHA_A, "SUMMARIZE", "{}");
        for (int attempt = 0; attempt < JobStore.MAX_ATTEMPTS; attempt++) {
            assertThat(jobs.claimNext()).isPresent();
            Thread.sleep(LEASE.toMillis() + 300);
        }
        assertThat(jobs.claimNext()).isEmpty();

        Job failed = jobs.find(submitted.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(500));
    }

    /** D5: resubmitting a corrected record under the id of a failed job runs it; a live or finished job is kept. */
    @Test
    void aFailedJobReleasesItsRequestIdForACorrectedResubmission() {
        String requestId = "req-" + UUID.randomUUID();
        Job first = jobs.submit(key(requestId), SHA_A, "SUMMARIZE", "{\"bad\":true}");
        assertThat(jobs.submit(key(requestId), SHA_A, "SUMMARIZE", "{}").id()).as("queued: the same job").isEqualTo(first.id());
        JobStore.Claimed claim = jobs.claimNext().orElseThrow();
        jobs.fail(claim, new JobFailure(422, "invalid record"));

        Job retried = jobs.submit(key(requestId), SHA_B, "SUMMARIZE", "{\"corrected\":true}");
        assertThat(retried.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(retried.failure()).isEmpty();
        assertThat(retried.inputSha256()).as("the corrected input's fingerprint").contains(SHA_B);
        JobStore.Claimed again = jobs.claimNext().orElseThrow();
        assertThat(again.input()).isEqualTo("{\"corrected\":true}");
        assertThat(jobs.cancelRunning(again)).isTrue();
        assertThat(jobs.submit(key(requestId), SHA_A, "SUMMARIZE", "{}").status()).as("a cancelled job keeps its id").isEqualTo(JobStatus.CANCELLED);
    }

    /** Issue 19: a cancellation that reaches another process than the worker's is stored, and its renewal sees it. */
    @Test
    void aCancellationReachesTheWorkerThroughItsLeaseRenewal() {
        Job submitted = jobs.submit(key("req-" + UUID.randomUUID()), SHA_A, "SUMMARIZE", "{}");
        JobStore.Claimed claim = jobs.claimNext().orElseThrow();
        JobStore other = new JobStore(database, new JobLease(LEASE)); // the process the DELETE reached
        assertThat(jobs.renew(List.of(claim.owner())).cancelRequested()).isEmpty();

        assertThat(other.cancel(submitted.id())).as("running: its worker must stop it").isFalse();
        JobStore.Renewal renewal = jobs.renew(List.of(claim.owner()));
        assertThat(renewal.held()).isEqualTo(1);
        assertThat(renewal.cancelRequested()).containsExactly(submitted.id());
        assertThat(jobs.cancelRunning(claim)).isTrue();
        assertThat(jobs.find(submitted.id()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);

        Job queued = jobs.submit(key("req-" + UUID.randomUUID()), SHA_A, "SUMMARIZE", "{}");
        assertThat(other.cancel(queued.id())).as("queued: cancelled at once").isTrue();
    }
}
