package org.medgo.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medgo.gateway.fhir.PublicBaseUrl;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SMART App Launch 2.2 discovery at {@code /fhir/.well-known/smart-configuration}. Served by a filter
 * because {@code /fhir/*} belongs to the HAPI servlet. Demo: this server's own endpoints; production:
 * the configured issuer's.
 */
final class SmartConfigurationFilter extends OncePerRequestFilter {

    static final String PATH = "/fhir/.well-known/smart-configuration";
    static final List<String> SCOPES = List.of("fhirUser", "launch", "launch/patient", "offline_access",
            "patient/*.rs", "user/*.rs", "user/Composition.rus", "user/Encounter.r", "system/Composition.crs",
            "system/Encounter.r", "system/DiagnosticReport.r", "system/*.cruds");

    private final SecurityProperties props;
    private final PublicBaseUrl publicBaseUrl;
    private final ObjectMapper json = new ObjectMapper();

    SmartConfigurationFilter(SecurityProperties props, PublicBaseUrl publicBaseUrl) {
        this.props = props;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setStatus(405);
            return;
        }
        response.setContentType("application/json");
        if (props.demo() && !publicBaseUrl.configured()) {
            // the document names the address it was asked at (Host, or a trusted proxy's X-Forwarded-*): right for
            // this client, wrong for anyone a shared cache would hand it to (issue 15: a forged Host, cached publicly)
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("Vary", "Host, X-Forwarded-Host, X-Forwarded-Proto");
        } else {
            response.setHeader("Cache-Control", "public, max-age=300");
        }
        json.writeValue(response.getOutputStream(), document(props, publicBaseUrl.root(request)));
    }

    static Map<String, Object> document(SecurityProperties props, String base) {
        Map<String, Object> d = new LinkedHashMap<>();
        String issuer = props.demo() ? base : props.issuer();
        d.put("issuer", issuer);
        d.put("jwks_uri", props.demo() ? base + "/oauth2/jwks" : props.jwksUri());
        d.put("authorization_endpoint", props.demo() ? base + "/oauth2/authorize" : props.authorizeUri());
        d.put("token_endpoint", props.demo() ? base + "/oauth2/token" : props.tokenUri());
        if (props.demo()) {
            d.put("introspection_endpoint", base + "/oauth2/introspect");
        }
        d.put("grant_types_supported", List.of("authorization_code", "client_credentials"));
        d.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        d.put("scopes_supported", SCOPES);
        d.put("response_types_supported", List.of("code"));
        d.put("code_challenge_methods_supported", List.of("S256"));
        d.put("capabilities", List.of("launch-ehr", "client-public", "client-confidential-symmetric", "context-ehr-patient",
                "context-ehr-encounter", "permission-patient", "permission-user", "permission-v1", "permission-v2"));
        d.values().removeIf(v -> v == null);
        return d;
    }
}
