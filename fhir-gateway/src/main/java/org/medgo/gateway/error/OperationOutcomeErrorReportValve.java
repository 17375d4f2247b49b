package org.medgo.gateway.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Errors Tomcat answers itself, before any servlet runs (a malformed URL, a bad header): an
 * OperationOutcome in place of Tomcat's HTML page, with the HTTP reason only.
 */
public final class OperationOutcomeErrorReportValve extends ErrorReportValve { // public: Tomcat instantiates it by name

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean writable = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
        if (!writable.get()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "" : " " + known.getReasonPhrase();
        String code = status >= 500 ? "exception" : status == 404 ? "not-found" : "invalid";
        String severity = status >= 500 ? "fatal" : "error";
        String body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"" + severity
                + "\",\"code\":\"" + code + "\",\"diagnostics\":\"" + status + reason + "\"}]}";
        try {
            response.setContentType("application/fhir+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response is already committed: nothing more to tell it
        }
    }
}
