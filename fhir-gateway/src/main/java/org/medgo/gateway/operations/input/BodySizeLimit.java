package org.medgo.gateway.operations.input;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.medgo.gateway.operations.OperationsProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code medgo.operations.max-body-bytes} for every request body under {@code /fhir}, not only the AI
 * operations' (issue 15 V5: a 300 MB {@code $approve} was read and parsed): a declared length above it is
 * refused with 413 before anything is read, and a chunked body stops being read once it passes the limit.
 */
@Component
class BodySizeLimit extends OncePerRequestFilter {

    private final long max;

    BodySizeLimit(OperationsProperties limits) {
        this.max = limits.maxBodyBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/fhir/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > max) {
            response.setStatus(413);
            response.setContentType("application/fhir+json");
            response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                    + "\"code\":\"too-long\",\"diagnostics\":\"" + tooLarge(max) + "\"}]}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new Capped(request, max), response);
    }

    /** What a refused caller reads: the limit, its setting, and what to send instead (no quote of the body). */
    static String tooLarge(long max) {
        return "the body is larger than " + max + " bytes (MEDGO_OPERATIONS_MAX_BODY_BYTES); for a record, send the resources "
                + "of one encounter rather than the patient's whole history, or have the limit raised";
    }

    /** The request with an input stream that refuses to read past the limit. */
    private static final class Capped extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream capped;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (capped == null) {
                capped = new CappedStream(super.getInputStream(), max);
            }
            return capped;
        }
    }

    private static final class CappedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        CappedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new PayloadTooLargeException(tooLarge(max));
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
