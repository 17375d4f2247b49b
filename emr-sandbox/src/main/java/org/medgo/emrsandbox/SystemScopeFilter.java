package org.medgo.emrsandbox;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART v2 system scopes on {@code /fhir}: {@code system/<Type|*>.<cruds>}. What a request needs: read of
 * an instance {@code r}, search {@code s}, create {@code c}, update {@code u}, delete {@code d}; a
 * transaction or batch at the root needs {@code system/*}; a further page of a search ({@code ?_getpages=} at
 * the root) needs search on some type, the search itself having been checked. Runs after Spring Security.
 */
@Component
class SystemScopeFilter extends OncePerRequestFilter {

    /** FHIR requests per client (the token's {@code sub}): tests tell whose token the gateway read with. */
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> requests = new java.util.concurrent.ConcurrentHashMap<>();

    java.util.Map<String, Integer> requestsByClient() {
        java.util.Map<String, Integer> copy = new java.util.TreeMap<>();
        requests.forEach((client, n) -> copy.put(client, n.get()));
        return copy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/fhir") || path.equals("/fhir/metadata");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)) {
            chain.doFilter(request, response);
            return;
        }
        requests.computeIfAbsent(String.valueOf(token.getToken().getSubject()), c -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        Object claim = token.getToken().getClaims().get("scope");
        Collection<?> scopes = claim instanceof Collection<?> c ? c : claim == null ? List.of() : List.of(claim.toString().split(" "));
        String[] parts = request.getRequestURI().substring("/fhir".length()).replaceFirst("^/", "").split("/");
        boolean nextPage = parts[0].isEmpty() && request.getParameter("_getpages") != null;
        String type = parts[0].isEmpty() || parts[0].startsWith("$") ? "*" : parts[0];
        char needed = switch (request.getMethod()) {
            case "GET" -> parts.length > 1 ? 'r' : 's';
            case "POST" -> parts.length > 1 && parts[1].equals("_search") ? 's' : 'c';
            case "PUT", "PATCH" -> 'u';
            case "DELETE" -> 'd';
            default -> 'r';
        };
        for (Object scope : scopes) {
            String s = scope.toString();
            int dot = s.lastIndexOf('.');
            if (s.startsWith("system/") && dot > 0) {
                String granted = s.substring("system/".length(), dot);
                if ((nextPage || granted.equals("*") || granted.equals(type)) && s.substring(dot + 1).indexOf(needed) >= 0) {
                    chain.doFilter(request, response);
                    return;
                }
            }
        }
        response.setStatus(403);
        response.setContentType("application/fhir+json");
        response.getWriter().write(OperationOutcomes.error("forbidden", "scope system/" + type + "." + needed + " not granted"));
    }
}
