package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;

/** An asynchronous operation call as stored; {@code failure} is present when it failed. */
public record Job(UUID id, String requestId, String operation, JobStatus status, String step, int attempts,
                  Optional<String> compositionId, Optional<JobFailure> failure) {

    public boolean finished() {
        return status.finished();
    }
}
