package org.medgo.gateway.security;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * SMART scopes enforced per resource type and interaction, operations included: {@link AccessPolicy} decides,
 * this applies its decision. A request confined to the launch patient gets 403 unless every resource in
 * its response belongs to it (its {@code subject}/{@code patient}, or the Patient itself). Denials are
 * thrown as HAPI exceptions, so they become OperationOutcomes and the REST audit records them.
 */
@Interceptor
public class SmartScopeInterceptor {

    static final String PATIENT_ONLY = SmartScopeInterceptor.class.getName() + ".patient";

    private final FhirContext fhir;
    private final CompositionStore drafts;

    SmartScopeInterceptor(FhirContext fhir, CompositionStore drafts) {
        this.fhir = fhir;
        this.drafts = drafts;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authorize(RequestDetails request, RestOperationTypeEnum op) {
        AccessToken token = AccessToken.of(SecurityContextHolder.getContext().getAuthentication());
        switch (AccessPolicy.decide(accessRequest(request, op), token)) {
            case AccessDecision.Allowed allowed -> { }
            case AccessDecision.AllowedForPatient confined when request.getOperation() != null -> requireDraftOf(request, confined.patientRef());
            case AccessDecision.AllowedForPatient confined -> request.setAttribute(PATIENT_ONLY, confined.patientRef());
            case AccessDecision.Unauthenticated none -> throw new AuthenticationException("authentication required");
            case AccessDecision.Denied denied -> throw denied();
        }
    }

    /** The request as the access policy sees it. */
    static AccessRequest accessRequest(RequestDetails request, RestOperationTypeEnum op) {
        if (op == RestOperationTypeEnum.METADATA) {
            return AccessRequest.metadata();
        }
        if (request.getOperation() != null && (op == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE || op == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER)) {
            return AccessRequest.operation(request.getOperation(), request.getResourceName());
        }
        Map<String, List<String>> parameters = new HashMap<>();
        if (op == RestOperationTypeEnum.SEARCH_TYPE) {
            request.getParameters().forEach((name, values) -> parameters.put(name, List.of(values)));
        }
        return AccessRequest.interaction(request.getResourceName(), interaction(op), parameters);
    }

    /** An operation on one draft, before it runs: the draft must be the launch patient's (a decision cannot be undone afterwards). */
    private void requireDraftOf(RequestDetails request, String patientRef) {
        String id = request.getId() == null ? null : request.getId().getIdPart();
        boolean theirs = id != null && drafts.read(id).map(c -> belongsTo(c, patientRef)).orElse(false);
        if (!theirs) {
            throw denied();
        }
    }

    @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = -100)
    public boolean onlyTheLaunchPatient(RequestDetails request, ResponseDetails response) {
        Object patient = request.getAttribute(PATIENT_ONLY);
        if (patient == null || response.getResponseResource() == null) {
            return true;
        }
        IBaseResource resource = response.getResponseResource();
        if (resource instanceof IBaseBundle && resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
                if (e.getResource() != null && !belongsTo(e.getResource(), patient.toString())) throw denied();
            }
        } else if (!belongsTo(resource, patient.toString())) {
            throw denied();
        }
        return true;
    }

    private boolean belongsTo(IBaseResource resource, String patientRef) {
        if ("Patient".equals(fhir.getResourceType(resource))) {
            return patientRef.equals("Patient/" + resource.getIdElement().getIdPart());
        }
        for (String child : List.of("subject", "patient")) {
            BaseRuntimeChildDefinition def = fhir.getResourceDefinition(resource).getChildByName(child);
            if (def == null) continue;
            for (IBase value : def.getAccessor().getValues(resource)) {
                if (value instanceof IBaseReference ref && ref.getReferenceElement() != null) {
                    return patientRef.equals("Patient/" + ref.getReferenceElement().getIdPart())
                            && (ref.getReferenceElement().getResourceType() == null || "Patient".equals(ref.getReferenceElement().getResourceType()));
                }
            }
        }
        return false;
    }

    private static Interaction interaction(RestOperationTypeEnum op) {
        return switch (op) {
            case CREATE -> Interaction.CREATE;
            case UPDATE, PATCH -> Interaction.UPDATE;
            case DELETE -> Interaction.DELETE;
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> Interaction.SEARCH;
            default -> Interaction.READ;
        };
    }

    private static ForbiddenOperationException denied() {
        return new ForbiddenOperationException("the access token's scopes do not allow this request");
    }
}
