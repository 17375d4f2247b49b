package org.medgo.gateway.error;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page: every error outside the FHIR servlet (unknown path, failed request
 * to a non-FHIR endpoint) is answered as a FHIR OperationOutcome carrying only the HTTP reason, never an
 * exception message or a stack trace.
 */
@RestController
class OperationOutcomeErrorController implements ErrorController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final FhirContext fhirContext;

    OperationOutcomeErrorController(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<String> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(status.is5xxServerError() ? IssueSeverity.FATAL : IssueSeverity.ERROR)
                .setCode(issueType(status))
                .setDiagnostics(status.value() + " " + status.getReasonPhrase());
        return ResponseEntity.status(status)
                .contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static IssueType issueType(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> IssueType.NOTFOUND;
            case UNAUTHORIZED -> IssueType.LOGIN;
            case FORBIDDEN -> IssueType.FORBIDDEN;
            case METHOD_NOT_ALLOWED, NOT_ACCEPTABLE, UNSUPPORTED_MEDIA_TYPE -> IssueType.NOTSUPPORTED;
            case PAYLOAD_TOO_LARGE -> IssueType.TOOLONG;
            case TOO_MANY_REQUESTS, SERVICE_UNAVAILABLE -> IssueType.TRANSIENT;
            default -> status.is4xxClientError() ? IssueType.INVALID : IssueType.EXCEPTION;
        };
    }
}
