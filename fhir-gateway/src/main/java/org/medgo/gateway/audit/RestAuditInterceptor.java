package org.medgo.gateway.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.medgo.audit.AuditException;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Records every FHIR REST interaction as a BALP {@code rest} AuditEvent. Success is recorded before the
 * response goes out: if the audit write fails the caller gets a 500 instead of the data (no access without
 * its record). Failures (4xx/5xx, denials included) are recorded with their status class.
 */
@Component
@Interceptor
public class RestAuditInterceptor {
    private final AuditTrail trail;

    RestAuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean success(RequestDetails request) {
        try {
            trail.record(record(request, Outcome.SUCCESS, null));
        } catch (AuditException e) {
            // the cause tells HideInternalErrorsInterceptor whether the database is away (503) or broken (500)
            throw new InternalErrorException("the request could not be recorded in the audit trail; it was not carried out", e);
        }
        return true;
    }

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean failure(RequestDetails request, BaseServerResponseException exception) {
        int status = exception.getStatusCode();
        Outcome outcome = status >= 500 ? Outcome.SERIOUS_FAILURE : Outcome.MINOR_FAILURE;
        try {
            trail.record(record(request, outcome, "HTTP " + status));
        } catch (AuditException e) {
            // the request already failed; the error response goes out regardless, the log says why
            org.slf4j.LoggerFactory.getLogger(RestAuditInterceptor.class).error("audit write failed for a failed request: {}", e.getMessage());
        }
        return true;
    }

    static AuditRecord record(RequestDetails request, Outcome outcome, String detail) {
        RestOperationTypeEnum op = request.getRestOperationType();
        String subtype = RestInteractionCode.of(op);
        if (op == RestOperationTypeEnum.EXTENDED_OPERATION_TYPE || op == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE
                || op == RestOperationTypeEnum.EXTENDED_OPERATION_SERVER) {
            subtype = "operation:" + request.getOperation();
        }
        String resourceType = request.getResourceName();
        String entity = null;
        if (resourceType != null) {
            entity = request.getId() != null && request.getId().hasIdPart()
                    ? resourceType + "/" + request.getId().getIdPart() : resourceType;
        }
        String patient = "Patient".equals(resourceType) && request.getId() != null && request.getId().hasIdPart()
                ? "Patient/" + request.getId().getIdPart() : null;
        Requester who = request instanceof ServletRequestDetails s ? Requester.of(s.getServletRequest()) : new Requester(null, null);
        return AuditRecord.builder(EventType.REST, truncate(subtype, 80)).action(action(op)).outcome(outcome, detail)
                .client(who.clientId()).user(who.userId()).patient(patient).entity(truncate(entity, 200))
                .request(truncate(request.getRequestId(), 200)).build();
    }

    private static char action(RestOperationTypeEnum op) {
        if (op == null) {
            return 'E';
        }
        return switch (op) {
            case CREATE, BATCH, TRANSACTION -> 'C';
            case READ, VREAD, SEARCH_TYPE, SEARCH_SYSTEM, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM, METADATA,
                 GET_PAGE -> 'R';
            case UPDATE, PATCH -> 'U';
            case DELETE -> 'D';
            default -> 'E';
        };
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
