package org.medgo.gateway.security.demo;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Demo profile only (no MEDGO_OAUTH_ISSUER): an embedded Spring Authorization Server. Clients:
 * {@code demo-ehr}/{@code demo-ehr-secret} (client_credentials, system scopes) and the public SMART app
 * {@code review-app} (authorization code + PKCE S256, EHR launch). One demo clinician,
 * {@code clinician}/{@code clinician-demo}. Keys are generated at start and never stored. These
 * credentials exist only here: the production profile has no authorization server at all.
 */
@org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(DemoAuthorizationServer.ACTIVE)
public class DemoAuthorizationServer {

    public static final String ACTIVE = "'${medgo.security.issuer:}'.isBlank() and '${medgo.security.enabled:true}' == 'true'";
    static final String CLINICIAN = "clinician";
    static final String CLINICIAN_FHIR_USER = "Practitioner/demo-clinician";
    static final String AUDIENCE = "medgo-fhir";

    private static final Logger log = LoggerFactory.getLogger(DemoAuthorizationServer.class);

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, OAuth2AuthorizationService authorizations) throws Exception {
        log.warn("!!! DEMO security profile: embedded authorization server with PUBLISHED demo credentials "
                + "(demo-ehr/demo-ehr-secret, clinician/clinician-demo). Set MEDGO_OAUTH_ISSUER in production. !!!");
        OAuth2AuthorizationServerConfigurer as = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(as.getEndpointsMatcher())
                .with(as, a -> a.tokenEndpoint(t -> t.accessTokenResponseHandler(withLaunchContext(authorizations)))
                        .authorizationEndpoint(e -> e.authenticationProviders(providers -> providers.forEach(p -> {
                            if (p instanceof org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider codes) {
                                codes.setAuthenticationValidator(LoopbackRedirectPort.withDefaults());
                            }
                        }))))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(as.getEndpointsMatcher()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain clinicianLogin(HttpSecurity http) throws Exception {
        http.securityMatcher(new org.springframework.security.web.util.matcher.OrRequestMatcher(org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher("/login"),
                        org.springframework.security.web.util.matcher.AntPathRequestMatcher.antMatcher("/logout")))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .formLogin(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService demoClinician() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(User.withUsername(CLINICIAN).password(encoder.encode("clinician-demo")).roles("CLINICIAN").build());
    }

    @Bean
    RegisteredClientRepository demoClients(@Value("${server.port:8080}") int port) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        RegisteredClient ehr = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("demo-ehr")
                .clientSecret(encoder.encode("demo-ehr-secret"))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(List.of("system/Composition.crs", "system/Encounter.r", "system/DiagnosticReport.r",
                        "system/Patient.rs", "system/AuditEvent.rs", "system/*.cruds", "medgo.chat")))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(15)).build())
                .build();
        List<String> redirects = new ArrayList<>(List.of("http://127.0.0.1/review/callback.html"));
        if (port > 0) {
            redirects.add("http://localhost:" + port + "/review/callback.html");
        }
        RegisteredClient review = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("review-app")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(r -> r.addAll(redirects))
                .scopes(s -> s.addAll(List.of("launch", "launch/patient", "fhirUser", "user/Composition.rus", "user/Encounter.r",
                        "user/Patient.r", "user/Provenance.r", "user/Device.r", "user/Condition.r", "patient/*.rs")))
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(Duration.ofMinutes(30)).build())
                .build();
        return new InMemoryRegisteredClientRepository(ehr, review);
    }

    @Bean
    OAuth2AuthorizationService demoAuthorizations() {
        return new InMemoryOAuth2AuthorizationService();
    }

    @Bean
    LaunchContexts launchContexts() {
        return new LaunchContexts(Clock.systemUTC());
    }

    @Bean
    JWKSource<SecurityContext> demoSigningKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(UUID.randomUUID().toString()).build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /** Audience, client id, the clinician's fhirUser and the EHR launch context go into the access token. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> smartClaims(LaunchContexts launches) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            String client = context.getRegisteredClient().getClientId();
            context.getClaims().audience(List.of(AUDIENCE, client)).claim("client_id", client);
            if (AuthorizationGrantType.AUTHORIZATION_CODE.equals(context.getAuthorizationGrantType())) {
                if (CLINICIAN.equals(context.getPrincipal().getName())) {
                    context.getClaims().claim("fhirUser", CLINICIAN_FHIR_USER);
                }
                OAuth2Authorization authorization = context.getAuthorization();
                OAuth2AuthorizationRequest request = authorization == null ? null
                        : authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
                Object launch = request == null ? null : request.getAdditionalParameters().get("launch");
                launches.resolve(launch == null ? null : launch.toString()).ifPresent(c -> {
                    context.getClaims().claim("patient", c.patient());
                    if (c.encounter() != null) context.getClaims().claim("encounter", c.encounter());
                });
            }
        };
    }

    /** SMART: the launch context is also returned beside the token ({@code patient}, {@code encounter}). */
    private static AuthenticationSuccessHandler withLaunchContext(OAuth2AuthorizationService authorizations) {
        OAuth2AccessTokenResponseHttpMessageConverter converter = new OAuth2AccessTokenResponseHttpMessageConverter();
        return (request, response, authentication) -> {
            OAuth2AccessTokenAuthenticationToken t = (OAuth2AccessTokenAuthenticationToken) authentication;
            OAuth2AccessToken token = t.getAccessToken();
            Map<String, Object> extra = new HashMap<>(t.getAdditionalParameters());
            OAuth2Authorization stored = authorizations.findByToken(token.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            if (stored != null && stored.getAccessToken().getClaims() != null) {
                for (String name : List.of("patient", "encounter")) {
                    Object v = stored.getAccessToken().getClaims().get(name);
                    if (v != null) extra.put(name, v);
                }
            }
            OAuth2AccessTokenResponse.Builder body = OAuth2AccessTokenResponse.withToken(token.getTokenValue())
                    .tokenType(token.getTokenType()).scopes(token.getScopes()).additionalParameters(extra);
            if (token.getIssuedAt() != null && token.getExpiresAt() != null) {
                body.expiresIn(Duration.between(token.getIssuedAt(), token.getExpiresAt()).getSeconds());
            }
            if (t.getRefreshToken() != null) body.refreshToken(t.getRefreshToken().getTokenValue());
            converter.write(body.build(), null, new ServletServerHttpResponse(response));
        };
    }
}
