package org.medgo.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.medgo.audit.chain.AuditTrail;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAI-compatible API ({@code /v1/**}) as a resource server for the same issuer and audience as the
 * FHIR API: a bearer token is required (OpenAI clients send their "API key" as one), denials answer in
 * OpenAI's error shape and are audited; which scopes allow what is decided by the API itself
 * ({@code org.medgo.gateway.openai.ModelApiAccess}).
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
class ModelApiSecurity {

    @Bean
    @Order(9)
    SecurityFilterChain modelApi(HttpSecurity http, SecurityProperties props, FhirContext fhir, AuditTrail audit,
            DenialThrottle throttle, ObjectProvider<JWKSource<SecurityContext>> demoKeys) throws Exception {
        http.securityMatcher(SecurityConfiguration.ant(null, "/v1/**"))
                .csrf(c -> c.disable()) // bearer tokens only, no cookies
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!props.enabled()) {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        DenialResponses denials = new DenialResponses(fhir, audit, throttle);
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(denials).accessDeniedHandler(denials))
                .addFilterAfter(new RequesterAttributes(), BearerTokenAuthenticationFilter.class);
        SecurityConfiguration.bearerTokens(http, props, denials, demoKeys);
        return http.build();
    }
}
