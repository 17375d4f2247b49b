package org.medgo.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.medgo.audit.AuditException;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 (no or invalid token, with {@code WWW-Authenticate: Bearer}) and 403 from the servlet filter
 * chain, as FHIR OperationOutcomes, each recorded in the audit trail. Why a token failed (expired, wrong
 * issuer...) goes to the audit record and the client sees only {@code invalid_token}: the details help an
 * attacker more than a legitimate client.
 */
final class DenialResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(DenialResponses.class);

    private final FhirContext fhir;
    private final AuditTrail audit;
    private final DenialThrottle throttle;

    DenialResponses(FhirContext fhir, AuditTrail audit, DenialThrottle throttle) {
        this.fhir = fhir;
        this.audit = audit;
        this.throttle = throttle;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        boolean tokenPresent = request.getHeader("Authorization") != null;
        String reason = e instanceof InvalidBearerTokenException || tokenPresent ? "invalid token" : "no token";
        // a 401 has no accountable caller: throttled per source so a flood cannot fill the trail
        if (throttle.admit(request.getRemoteAddr(), reason) instanceof DenialThrottle.Verdict.Audit audited) {
            record(request, "HTTP 401 " + reason, e.getMessage(), audited.suppressedBefore());
        }
        response.setHeader("WWW-Authenticate", tokenPresent
                ? "Bearer error=\"invalid_token\", error_description=\"the access token is invalid or expired\""
                : "Bearer");
        write(request, response, 401, OperationOutcome.IssueType.LOGIN, tokenPresent ? "invalid access token" : "authentication required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        record(request, "HTTP 403", e.getMessage(), 0);
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        write(request, response, 403, OperationOutcome.IssueType.FORBIDDEN, "access denied");
    }

    private void record(HttpServletRequest request, String outcome, String why, long suppressedBefore) {
        try {
            AuditRecord.Builder denial = AuditRecord.builder(EventType.REST, "denied").action('E').outcome(Outcome.MINOR_FAILURE, outcome)
                    .detail("method", request.getMethod())
                    .detail("path", truncate(request.getRequestURI(), 200))
                    .detail("reason", truncate(why, 300));
            if (suppressedBefore > 0) {
                denial.detail("source", request.getRemoteAddr()).detail("not-audited-before", suppressedBefore);
            }
            audit.record(denial.build());
        } catch (AuditException | IllegalArgumentException ex) {
            log.error("audit write failed for a denied request: {}", ex.getMessage());
        }
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, OperationOutcome.IssueType type,
            String text) throws IOException {
        if (request.getRequestURI().startsWith("/v1/")) {
            // the OpenAI-compatible API answers in OpenAI's error shape, which its client libraries parse
            response.setStatus(status);
            response.setContentType("application/json");
            response.getOutputStream().write(("{\"error\":{\"message\":\"" + text + "\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":\"" + (status == 401 ? "invalid_api_key" : "insufficient_scope") + "\"}}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(fhir.newJsonParser().encodeResourceToString(oo).getBytes(StandardCharsets.UTF_8));
    }

    private static String truncate(String s, int max) {
        return s == null ? "" : s.length() <= max ? s : s.substring(0, max);
    }
}
