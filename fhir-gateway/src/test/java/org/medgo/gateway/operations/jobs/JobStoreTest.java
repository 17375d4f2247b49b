package org.medgo.gateway.operations.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.database.MigratedDatabase;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;

/** Job states and failures as typed values through a real PostgreSQL: what is stored is what $job-status reads. */
class JobStoreTest {

    private final JobStore jobs = new JobStore(MigratedDatabase.fresh());

    @Test
    void aFailedJobKeepsItsHttpStatusApartFromItsMessage() {
        Job submitted = jobs.submit(new IdempotencyKey("client:emr", "req-" + UUID.randomUUID()), "0".repeat(64), "SUMMARIZE", "{}");
        assertThat(submitted.status()).isEqualTo(JobStatus.QUEUED);
        Job claimed = jobs.claimNext().orElseThrow().job();
        assertThat(claimed.status()).isEqualTo(JobStatus.RUNNING);

        assertThat(jobs.fail(claimed.id(), new JobFailure(422, "503 looks like a status but is the message"))).isTrue();

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
        assertThat(jobs.fail(submitted.id(), new JobFailure(500, "too late"))).as("only a running job ends").isFalse();
    }

    @Test
    void aJobInterruptedTooOftenFailsWithA500() {
        Job submitted = jobs.submit(new IdempotencyKey("client:emr", "req-" + UUID.randomUUID()), "0".repeat(64), "SUMMARIZE", "{}");
        for (int attempt = 0; attempt < JobStore.MAX_ATTEMPTS; attempt++) {
            jobs.claimNext().orElseThrow();
            if (attempt < JobStore.MAX_ATTEMPTS - 1) {
                assertThat(jobs.recoverInterrupted()).isEqualTo(new JobStore.Recovered(1, 0));
            }
        }

        assertThat(jobs.recoverInterrupted()).isEqualTo(new JobStore.Recovered(0, 1));

        Job failed = jobs.find(submitted.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.failure()).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(500));
    }
}
