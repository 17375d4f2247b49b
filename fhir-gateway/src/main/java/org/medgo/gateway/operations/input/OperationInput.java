package org.medgo.gateway.operations.input;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.gateway.audit.Requester;

/**
 * What an operation call carries: the record Bundle, an optional language override ({@code en}/{@code zh})
 * and the request id that makes the call idempotent (from {@code X-Request-Id} or {@code requestId};
 * generated when neither is given), and who asked (for the audit trail).
 */
public record OperationInput(Bundle bundle, Optional<String> language, String requestId, boolean requestIdGiven, Requester requester) {}
