package org.medgo.gateway.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.medgo.gateway.database.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected exception becomes a 500 OperationOutcome with an incident id; its message (which may
 * quote clinical data) and stack trace go only to the server log under that id. Deliberate FHIR errors
 * (4xx, thrown as {@link BaseServerResponseException}) pass through unchanged, and so does a malformed search
 * parameter (HAPI reports it as a parse failure, answered 400 here). A failure caused by the
 * database being unreachable is a 503 with Retry-After: the client should retry, nothing is broken.
 */
final class HideInternalErrorsInterceptor {

    private static final Logger log = LoggerFactory.getLogger(HideInternalErrorsInterceptor.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException hide(
            RequestDetails request, Throwable exception, HttpServletRequest servletRequest, HttpServletResponse response) {
        if (exception instanceof BaseServerResponseException deliberate
                && !(deliberate instanceof InternalErrorException)) {
            return deliberate;
        }
        if (exception instanceof DataFormatException && isParameterBinding(exception)) {
            // HAPI parses search parameters (dates, quantities) while binding them and throws this, not a 400
            return new InvalidRequestException("Invalid search parameter: " + exception.getMessage()
                    + " (dates are yyyy, yyyy-mm, yyyy-mm-dd or an instant, optionally prefixed eq, ne, gt, lt, ge, le, sa, eb, ap)");
        }
        if (DatabaseOutage.causedBy(exception)) {
            log.warn("{} {}: database unreachable, answered 503", servletRequest.getMethod(), request.getRequestPath());
            UnclassifiedServerFailureException unavailable = new UnclassifiedServerFailureException(503,
                    "The database is not reachable at the moment; retry after " + DatabaseOutage.RETRY_AFTER_SECONDS + " s");
            unavailable.addResponseHeader("Retry-After", Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            return unavailable;
        }
        String incident = UUID.randomUUID().toString();
        log.error("Internal error, incident {} ({} {})", incident, servletRequest.getMethod(), request.getRequestPath(), exception);
        return new InternalErrorException("Internal error; the server log has the details under incident " + incident);
    }

    /** Thrown while HAPI turned the request's query parameters into method arguments (the caller's input). */
    private static boolean isParameterBinding(Throwable exception) {
        for (StackTraceElement frame : exception.getStackTrace()) {
            if (frame.getMethodName().equals("translateQueryParametersIntoServerArgument")
                    || frame.getMethodName().equals("createMethodParams") && frame.getClassName().startsWith("ca.uhn.fhir.rest.server.method.")) {
                return true;
            }
        }
        return false;
    }
}
