package org.medgo.emrsandbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes {@code /fhir} answer an error status for the next N matching requests, before anything else runs
 * (as an overloaded EMR or its load balancer would), so tests can watch the gateway retry.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class FaultSwitch extends OncePerRequestFilter {

    /** {@code afterProcessing}: the request is carried out, then its answer replaced (the response was lost). */
    record Fault(String method, String pathContains, int status, int times, boolean afterProcessing) {}

    private final AtomicReference<Fault> armed = new AtomicReference<>();
    private final AtomicInteger left = new AtomicInteger();
    private final AtomicInteger served = new AtomicInteger();

    void arm(Fault fault) {
        armed.set(fault);
        left.set(fault.times());
    }

    int served() {
        return served.get();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/fhir");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Fault fault = armed.get();
        if (fault != null && fault.method().equalsIgnoreCase(request.getMethod())
                && request.getRequestURI().contains(fault.pathContains()) && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            served.incrementAndGet();
            if (fault.afterProcessing()) {
                chain.doFilter(request, new org.springframework.web.util.ContentCachingResponseWrapper(response));
                response.reset();
            }
            // written here, not with sendError: an error dispatch to /error would go through security again
            response.setStatus(fault.status());
            response.setHeader("Retry-After", "1");
            response.setContentType("application/fhir+json");
            response.getWriter().write(OperationOutcomes.error("transient", "sandbox fault"));
            return;
        }
        chain.doFilter(request, response);
    }
}
