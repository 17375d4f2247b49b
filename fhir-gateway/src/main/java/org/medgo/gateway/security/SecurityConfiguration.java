package org.medgo.gateway.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.fhir.PublicBaseUrl;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The FHIR API as an OAuth2 resource server. Public: {@code /fhir/metadata}, the OperationDefinitions,
 * StructureDefinitions and CodeSystems it lists, SMART discovery, health and
 * prometheus, the review app's static files. Everything else under {@code /fhir} needs a valid bearer
 * token; what it may do is decided per request by {@link SmartScopeInterceptor}.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** The audience of the demo server's tokens; production names its own (MEDGO_OAUTH_AUDIENCE). */
    static final String DEMO_AUDIENCE = "medgo-fhir";

    @Bean
    @Order(10)
    SecurityFilterChain fhirApi(HttpSecurity http, SecurityProperties props, FhirContext fhir, AuditTrail audit,
            DenialThrottle throttle, ObjectProvider<JWKSource<SecurityContext>> demoKeys) throws Exception {
        http.securityMatcher(new OrRequestMatcher(ant(null, "/fhir/**"), ant(null, "/actuator/**")))
                .csrf(c -> c.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(c -> c.configurationSource(cors(props.corsOrigins())))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        if (!props.enabled()) {
            log.warn("!!! medgo.security.enabled=false: the FHIR API accepts requests WITHOUT authentication. Tests only. !!!");
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        DenialResponses denials = new DenialResponses(fhir, audit, throttle);
        http.authorizeHttpRequests(a -> a
                        .requestMatchers(ant(HttpMethod.GET, "/fhir/metadata"), ant(HttpMethod.GET, "/fhir/.well-known/smart-configuration")).permitAll()
                        // definitions, like the CapabilityStatement that lists them: a client reads them before it has a token
                        .requestMatchers(ant(HttpMethod.GET, "/fhir/OperationDefinition/**"), ant(HttpMethod.GET, "/fhir/StructureDefinition"),
                                ant(HttpMethod.GET, "/fhir/StructureDefinition/**"), ant(HttpMethod.GET, "/fhir/CodeSystem"),
                                ant(HttpMethod.GET, "/fhir/CodeSystem/**")).permitAll()
                        .requestMatchers(ant(HttpMethod.OPTIONS, "/fhir/**")).permitAll()
                        .requestMatchers(ant(HttpMethod.GET, "/actuator/health"), ant(HttpMethod.GET, "/actuator/health/**"),
                                ant(HttpMethod.GET, "/actuator/prometheus")).permitAll()
                        .requestMatchers(ant(null, "/fhir/**")).authenticated()
                        .anyRequest().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(denials).accessDeniedHandler(denials))
                .addFilterAfter(new RequesterAttributes(), BearerTokenAuthenticationFilter.class);
        bearerTokens(http, props, denials, demoKeys);
        return http.build();
    }

    /** Bearer tokens of the configured issuer (JWT, or opaque through introspection); shared with the /v1 chain. */
    static void bearerTokens(HttpSecurity http, SecurityProperties props, DenialResponses denials,
            ObjectProvider<JWKSource<SecurityContext>> demoKeys) throws Exception {
        if (props.introspectionUri() != null) {
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(denials).accessDeniedHandler(denials)
                    .opaqueToken(t -> t.introspector(AudienceCheckingIntrospector.of(props))));
        } else {
            JwtDecoder decoder = decoder(props, demoKeys.getIfAvailable());
            http.oauth2ResourceServer(o -> o.authenticationEntryPoint(denials).accessDeniedHandler(denials).jwt(j -> j.decoder(decoder)));
        }
    }

    @Bean
    @ConditionalOnProperty(name = "medgo.security.enabled", havingValue = "true", matchIfMissing = true)
    SmartScopeInterceptor smartScopeInterceptor(FhirContext fhir, CompositionStore drafts) {
        return new SmartScopeInterceptor(fhir, drafts);
    }

    @Bean
    SmartConfigurationFilter smartConfigurationFilter(SecurityProperties props, PublicBaseUrl publicBaseUrl) {
        return new SmartConfigurationFilter(props, publicBaseUrl);
    }

    /** Shared by the /fhir and /v1 chains: one budget per source. */
    @Bean
    DenialThrottle denialThrottle(@org.springframework.beans.factory.annotation.Value("${medgo.security.audited-denials-per-minute:60}") int perMinute) {
        return new DenialThrottle(perMinute, 10_000, System::currentTimeMillis);
    }

    @Bean
    ReviewPageHeaders reviewPageHeaders(SecurityProperties props) {
        return new ReviewPageHeaders(props.demo() ? null : props.tokenUri());
    }

    @Bean
    CapabilityStatementSecurity capabilityStatementSecurity(SecurityProperties props) {
        return new CapabilityStatementSecurity(props);
    }

    private static JwtDecoder decoder(SecurityProperties props, JWKSource<SecurityContext> demoKeys) {
        if (props.demo()) {
            if (demoKeys == null) {
                throw new IllegalStateException("no MEDGO_OAUTH_ISSUER and no demo authorization server: nothing could issue tokens");
            }
            return JwtDecoders.local(demoKeys, props.audience() == null ? DEMO_AUDIENCE : props.audience());
        }
        if (props.audience() == null) {
            throw new IllegalStateException("MEDGO_OAUTH_AUDIENCE is required with MEDGO_OAUTH_ISSUER (the aud this gateway accepts)");
        }
        return JwtDecoders.remote(props.jwksUri(), props.issuer(), props.audience());
    }

    /** Whole-path matchers: {@code /fhir} is the HAPI servlet's, not Spring MVC's, so MVC-relative matching would miss it. */
    @SuppressWarnings("deprecation")
    static RequestMatcher ant(HttpMethod method, String pattern) {
        return method == null ? org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher(pattern)
                : org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher(method, pattern);
    }

    private static UrlBasedCorsConfigurationSource cors(List<String> origins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!origins.isEmpty()) {
            CorsConfiguration c = new CorsConfiguration();
            c.setAllowedOrigins(origins);
            c.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE", "OPTIONS"));
            c.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer"));
            c.setExposedHeaders(List.of("Location", "Content-Location", "WWW-Authenticate"));
            c.setAllowCredentials(false);
            // the filter chain already limits this to /fhir and /actuator; /fhir/** would not match here, where
            // the path is taken relative to the HAPI servlet
            source.registerCorsConfiguration("/**", c);
        }
        return source;
    }
}
