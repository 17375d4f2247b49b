package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;

/**
 * An asynchronous operation call as stored; {@code failure} is present when it failed. {@code clientKey} is
 * its submitter ({@link org.medgo.gateway.operations.idempotency.IdempotencyKey#client}), the only one who
 * may see it; {@code inputSha256} the fingerprint of its input.
 */
public record Job(UUID id, String requestId, String clientKey, Optional<String> inputSha256, String operation, JobStatus status,
                  String step, int attempts, Optional<String> compositionId, Optional<JobFailure> failure) {

    public boolean finished() {
        return status.finished();
    }
}
