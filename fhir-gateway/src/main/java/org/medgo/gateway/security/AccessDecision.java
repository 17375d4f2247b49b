package org.medgo.gateway.security;

/** The answer of {@link AccessPolicy#decide}. */
public sealed interface AccessDecision {

    /** Allowed as asked. */
    record Allowed() implements AccessDecision {}

    /** Allowed, but every resource it touches must belong to {@code patientRef} (checked on the response). */
    record AllowedForPatient(String patientRef) implements AccessDecision {}

    /** No valid token: 401. */
    record Unauthenticated() implements AccessDecision {}

    /** The token's scopes do not allow it: 403; {@code reason} is for tests and logs, not for the client. */
    record Denied(String reason) implements AccessDecision {}
}
