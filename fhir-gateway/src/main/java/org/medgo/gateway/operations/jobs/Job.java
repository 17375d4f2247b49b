package org.medgo.gateway.operations.jobs;

import java.util.Optional;
import java.util.UUID;

/** An asynchronous operation call as stored. */
public record Job(UUID id, String requestId, String operation, String status, String step, int attempts,
                  Optional<String> compositionId, Optional<String> error) {

    public boolean finished() {
        return switch (status) {
            case "completed", "failed", "cancelled" -> true;
            default -> false;
        };
    }
}
