package org.medgo.gateway.error;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.slf4j.Marker;

/**
 * HAPI logs every exception an interceptor throws at ERROR with its stack trace, so each 401/403 (and 400)
 * that the scope interceptor decides deliberately filled the log with a stack trace (issue 15, lower list).
 * Those are answers, not faults: this drops HAPI's entry for a 4xx; the request's one line from HAPI's
 * ExceptionHandlingInterceptor and the audit trail remain. A 5xx or any other exception is still logged.
 * Registered in {@code logback-spring.xml}, so it survives Spring Boot re-initialising logging.
 */
public final class DeliberateErrorsUnlogged extends TurboFilter {

    static final String HAPI_INTERCEPTORS = "ca.uhn.fhir.interceptor.executor.BaseInterceptorService";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (logger == null || !HAPI_INTERCEPTORS.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (deliberate(t)) {
            return FilterReply.DENY;
        }
        if (params != null) {
            // SLF4J's varargs: the exception comes as the last argument, not yet as t
            for (Object p : params) {
                if (p instanceof Throwable thrown && deliberate(thrown)) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean deliberate(Throwable t) {
        return t instanceof BaseServerResponseException e && e.getStatusCode() >= 400 && e.getStatusCode() < 500;
    }
}
