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
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * SMART scopes enforced per resource type and interaction, operations included (README "Security and
 * review" has the table). A token whose only grant for a type is in patient context reaches that type only
 * for its launch patient: searches must name the patient, and every resource in a response must belong
 * to it (its {@code subject}/{@code patient}, or the Patient itself), else 403. Denials are thrown as
 * HAPI exceptions, so they become OperationOutcomes and the REST audit records them.
 */
@Interceptor
public class SmartScopeInterceptor {

    static final String PATIENT_ONLY = SmartScopeInterceptor.class.getName() + ".patient";

    /** A grant an operation needs; type {@code *self} = the type the operation is invoked on. */
    private record Need(String type, char interaction) {}

    /** Operation → the grants it needs. */
    private static final Map<String, List<Need>> OPERATIONS = Map.of(
            "$summarize", List.of(new Need("Composition", 'c'), new Need("*self", 'r')),
            "$differential", List.of(new Need("Composition", 'c'), new Need("*self", 'r')),
            "$document", List.of(new Need("Composition", 'r')),
            "$review-record", List.of(new Need("Composition", 'r')),
            "$approve", List.of(new Need("Composition", 'u')),
            "$reject", List.of(new Need("Composition", 'u')),
            "$job-status", List.of(new Need("Composition", 'c')));

    private final FhirContext fhir;

    SmartScopeInterceptor(FhirContext fhir) {
        this.fhir = fhir;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authorize(RequestDetails request, RestOperationTypeEnum op) {
        if (op == RestOperationTypeEnum.METADATA) {
            return;
        }
        AccessToken token = AccessToken.of(SecurityContextHolder.getContext().getAuthentication());
        if (token == null) {
            throw new AuthenticationException("authentication required");
        }
        SmartScopes scopes = token.scopes();
        String type = request.getResourceName();
        String operation = request.getOperation();
        if (operation != null && (op == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE
                || op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE || op == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER)) {
            authorizeOperation(operation, type, scopes, token);
            return;
        }
        if (type == null) {
            if (!scopes.isAdministrator()) throw denied();
            return;
        }
        char interaction = interaction(op);
        if (scopes.allowsBeyondPatient(type, interaction)) {
            return;
        }
        if (!scopes.allowsForPatient(type, interaction) || token.patientReference() == null) {
            throw denied();
        }
        // patient context: only reads and searches, only the launch patient's data
        if (interaction != 'r' && interaction != 's') {
            throw denied();
        }
        if (op == RestOperationTypeEnum.SEARCH_TYPE && !namesPatient(request, type, token)) {
            throw denied();
        }
        request.setAttribute(PATIENT_ONLY, token.patientReference());
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

    private void authorizeOperation(String operation, String type, SmartScopes scopes, AccessToken token) {
        if ("$deidentify".equals(operation)) {
            if (!scopes.isAdministrator()) throw denied();
            return;
        }
        List<Need> needs = OPERATIONS.get(operation);
        if (needs == null) {
            if (!scopes.isAdministrator()) throw denied();
            return;
        }
        for (Need need : needs) {
            String needType = "*self".equals(need.type()) ? type : need.type();
            if (needType == null || !scopes.allowsBeyondPatient(needType, need.interaction())) throw denied();
        }
        boolean decision = "$approve".equals(operation) || "$reject".equals(operation);
        if (decision && token.scopes().grants().stream().noneMatch(g -> g.context() == SmartScopes.Context.USER
                && ("*".equals(g.resourceType()) || "Composition".equals(g.resourceType())) && g.interactions().indexOf('u') >= 0)) {
            // a review decision is a clinician's: a system (machine) token cannot approve what a model wrote
            throw denied();
        }
    }

    private static boolean namesPatient(RequestDetails request, String type, AccessToken token) {
        String id = token.patientReference().substring("Patient/".length());
        String[] values = "Patient".equals(type) ? request.getParameters().get("_id") : null;
        if (values == null) values = request.getParameters().get("patient");
        if (values == null) values = request.getParameters().get("subject");
        return values != null && values.length == 1 && (values[0].equals(id) || values[0].equals("Patient/" + id));
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

    private static char interaction(RestOperationTypeEnum op) {
        return switch (op) {
            case CREATE -> 'c';
            case UPDATE, PATCH -> 'u';
            case DELETE -> 'd';
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> 's';
            default -> 'r';
        };
    }

    private static ForbiddenOperationException denied() {
        return new ForbiddenOperationException("the access token's scopes do not allow this request");
    }
}
