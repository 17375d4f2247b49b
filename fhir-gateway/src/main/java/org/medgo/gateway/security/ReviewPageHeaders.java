package org.medgo.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The review app's pages hold a clinician's access token and show clinical text (issue 15, lower list: they
 * had no CSP). Only the gateway's own scripts and styles run, nothing may frame them (a framed approve button
 * is a clickjacking target), and the token goes only to this server and the issuer's token endpoint.
 */
final class ReviewPageHeaders extends OncePerRequestFilter {

    private final String policy;

    /** {@code tokenEndpoint}: the external issuer's, which the launch calls; null when the gateway issues tokens itself. */
    ReviewPageHeaders(String tokenEndpoint) {
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'"
                + (tokenEndpoint == null ? "" : " " + origin(tokenEndpoint))
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/review") || path.startsWith("/review/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Frame-Options", "DENY");  // for browsers that predate frame-ancestors
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");  // the launch and callback URLs carry codes and state
        chain.doFilter(request, response);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
