package org.medgo.gateway.operations.idempotency;

import java.util.Optional;

/**
 * What an earlier call with the same {@link IdempotencyKey} left: the result's id (a Composition or a job),
 * the fingerprint of its input (empty for rows stored before fingerprints existed) and its patient, if known.
 */
public record PriorCall(String resultId, Optional<String> inputSha256, Optional<String> patientRef) {}
