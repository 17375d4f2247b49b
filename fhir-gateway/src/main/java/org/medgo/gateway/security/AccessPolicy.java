package org.medgo.gateway.security;

import static org.medgo.gateway.security.Interaction.CREATE;
import static org.medgo.gateway.security.Interaction.READ;
import static org.medgo.gateway.security.Interaction.SEARCH;
import static org.medgo.gateway.security.Interaction.UPDATE;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which requests a SMART token may make (README "Security and review" has the table), as a pure function
 * of the request and the token: no HTTP, no database. A token whose only grant for a type is in patient
 * context reaches that type only for reads and searches of its launch patient, and a search must name
 * that patient.
 */
public final class AccessPolicy {

    /**
     * What an operation needs: {@code composition} on Composition, {@code onInvokedType} on the type it is
     * invoked on (the record it reads), and whether only a clinician (a {@code user/} scope) may call it.
     */
    private record OperationRule(Interaction composition, Optional<Interaction> onInvokedType, boolean clinicianOnly) {}

    private static final Map<String, OperationRule> OPERATIONS = Map.of(
            "$summarize", new OperationRule(CREATE, Optional.of(READ), false),
            "$differential", new OperationRule(CREATE, Optional.of(READ), false),
            "$document", new OperationRule(READ, Optional.empty(), false),
            "$review-record", new OperationRule(READ, Optional.empty(), false),
            // a review decision is a clinician's: a system (machine) token cannot approve what a model wrote
            "$approve", new OperationRule(UPDATE, Optional.empty(), true),
            "$reject", new OperationRule(UPDATE, Optional.empty(), true),
            "$job-status", new OperationRule(CREATE, Optional.empty(), false));

    private static final AccessDecision ALLOWED = new AccessDecision.Allowed();

    /** The definitions the CapabilityStatement lists are public like it: a client reads them before it has a token. */
    static final java.util.Set<String> PUBLIC_DEFINITIONS = java.util.Set.of("OperationDefinition", "StructureDefinition", "CodeSystem");
    /** Operations on one draft: with a launch patient, only on that patient's. */
    public static final java.util.Set<String> DRAFT_OPERATIONS = java.util.Set.of("$document", "$review-record", "$approve", "$reject");

    private AccessPolicy() {}

    private static boolean isPublicDefinition(AccessRequest request) {
        return request.kind() == AccessRequest.Kind.INTERACTION && request.resourceType() != null
                && PUBLIC_DEFINITIONS.contains(request.resourceType())
                && (request.interaction() == READ || request.interaction() == SEARCH);
    }

    /** {@code token}: the validated token, null when there is none. */
    public static AccessDecision decide(AccessRequest request, AccessToken token) {
        if (request.kind() == AccessRequest.Kind.METADATA || isPublicDefinition(request)) {
            return ALLOWED;
        }
        if (token == null) {
            return new AccessDecision.Unauthenticated();
        }
        SmartScopes scopes = token.scopes();
        if (request.kind() == AccessRequest.Kind.OPERATION) {
            AccessDecision decision = operation(request, scopes);
            return decision instanceof AccessDecision.Allowed && DRAFT_OPERATIONS.contains(request.operation())
                    ? launchPatientOnly(decision, token) : decision;
        }
        String type = request.resourceType();
        if (type == null) {
            return scopes.isAdministrator() ? ALLOWED : new AccessDecision.Denied("system-level interactions are administrative");
        }
        Interaction interaction = request.interaction();
        if (scopes.allowsBeyondPatient(type, interaction)) {
            return "Composition".equals(type) && (interaction == READ || interaction == SEARCH) ? launchPatientOnly(ALLOWED, token) : ALLOWED;
        }
        if (!scopes.allowsForPatient(type, interaction)) {
            return new AccessDecision.Denied("no scope grants " + interaction + " on " + type);
        }
        if (token.patientReference() == null) {
            return new AccessDecision.Denied("a patient scope without a launch patient");
        }
        if (interaction != READ && interaction != SEARCH) {
            return new AccessDecision.Denied("patient scopes only read");
        }
        if (interaction == SEARCH && !namesPatient(request, token.patientReference())) {
            return new AccessDecision.Denied("a patient-context search must name the launch patient");
        }
        return new AccessDecision.AllowedForPatient(token.patientReference());
    }

    /**
     * A token launched for a patient (it carries {@code patient}) reads and decides only that patient's drafts,
     * whatever its scopes' context (issue 15 V4: a user/ token launched for A approved B's draft).
     */
    private static AccessDecision launchPatientOnly(AccessDecision allowed, AccessToken token) {
        return token.patientReference() == null ? allowed : new AccessDecision.AllowedForPatient(token.patientReference());
    }

    private static AccessDecision operation(AccessRequest request, SmartScopes scopes) {
        OperationRule rule = OPERATIONS.get(request.operation());
        if (rule == null) {
            return scopes.isAdministrator() ? ALLOWED : new AccessDecision.Denied(request.operation() + " is administrative");
        }
        if (!scopes.allowsBeyondPatient("Composition", rule.composition())) {
            return new AccessDecision.Denied(request.operation() + " needs Composition " + rule.composition());
        }
        if (rule.onInvokedType().isPresent()) {
            Interaction needed = rule.onInvokedType().get();
            if (request.resourceType() == null || !scopes.allowsBeyondPatient(request.resourceType(), needed)) {
                return new AccessDecision.Denied(request.operation() + " needs " + needed + " on the record's type");
            }
        }
        if (rule.clinicianOnly() && !scopes.allows(EnumSet.of(SmartScopes.Context.USER), "Composition", rule.composition())) {
            return new AccessDecision.Denied(request.operation() + " is a clinician's decision (user/ scope)");
        }
        return ALLOWED;
    }

    private static boolean namesPatient(AccessRequest request, String patientRef) {
        String id = patientRef.substring("Patient/".length());
        Map<String, List<String>> p = request.searchParameters();
        List<String> values = "Patient".equals(request.resourceType()) ? p.get("_id") : null;
        if (values == null) values = p.get("patient");
        if (values == null) values = p.get("subject");
        return values != null && values.size() == 1 && (values.getFirst().equals(id) || values.getFirst().equals(patientRef));
    }
}
