package org.medgo.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.medgo.gateway.audit.Requester;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Puts the validated token's client and user on the request, where the audit trail and the review read them. */
final class RequesterAttributes extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AccessToken token = AccessToken.of(SecurityContextHolder.getContext().getAuthentication());
        if (token != null) {
            request.setAttribute(Requester.CLIENT_ATTRIBUTE, token.clientId());
            request.setAttribute(Requester.USER_ATTRIBUTE, token.user());
            if (token.fhirUser() != null) request.setAttribute(Requester.FHIR_USER_ATTRIBUTE, token.fhirUser());
        }
        chain.doFilter(request, response);
    }
}
