package org.medgo.emrsandbox;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The EMR's authorization server (SMART Backend Services): {@code POST /oauth2/token} with
 * {@code grant_type=client_credentials} and a {@code private_key_jwt} client assertion signed RS384 or
 * ES384, verified against the client's registered JWKS. {@code /fhir} accepts only its access tokens,
 * with no clock skew so that expiry is exact, and checks SMART system scopes ({@link SystemScopeFilter}).
 */
@Configuration
@EnableConfigurationProperties(SandboxProperties.class)
@RestController
class SmartAuthorization {

    static final String REGISTERED_JWKS_PATH = "/_sandbox/client-jwks";
    static final List<String> GATEWAY_SCOPES = List.of("system/Patient.rs", "system/Encounter.rs", "system/Condition.rs",
            "system/Observation.rs", "system/MedicationRequest.rs", "system/AllergyIntolerance.rs", "system/Procedure.rs",
            "system/DiagnosticReport.rs", "system/DocumentReference.crs", "system/Binary.r", "system/Composition.crs");

    private final SandboxProperties properties;
    private final AtomicInteger tokensIssued = new AtomicInteger();

    SmartAuthorization(SandboxProperties properties) {
        this.properties = properties;
    }

    @Bean
    @Order(1)
    SecurityFilterChain tokenEndpoint(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer as = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(as.getEndpointsMatcher())
                .with(as, Customizer.withDefaults())
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(c -> c.ignoringRequestMatchers(as.getEndpointsMatcher()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain fhirApi(HttpSecurity http, JWKSource<SecurityContext> keys) throws Exception {
        NimbusJwtDecoder decoder = (NimbusJwtDecoder) OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(Duration.ZERO)));
        http.authorizeHttpRequests(a -> a
                        .requestMatchers("/fhir/metadata", "/_sandbox/**", "/error").permitAll()
                        .requestMatchers("/fhir/**").authenticated()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder)))
                .csrf(c -> c.disable());
        return http.build();
    }

    @Bean
    RegisteredClientRepository clients(@Value("${server.port}") int port) {
        RegisteredClient gateway = RegisteredClient.withId(UUID.randomUUID().toString()).clientId(properties.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(GATEWAY_SCOPES))
                .clientSettings(ClientSettings.builder()
                        .jwkSetUrl("http://127.0.0.1:" + port + REGISTERED_JWKS_PATH)
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build())
                .build();
        RegisteredClient loader = RegisteredClient.withId(UUID.randomUUID().toString()).clientId("sandbox-loader")
                .clientSecret(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(properties.loaderSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.add("system/*.cruds"))
                .build();
        return new InMemoryRegisteredClientRepository(gateway, loader);
    }

    @Bean
    JWKSource<SecurityContext> signingKeys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> countTokens() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                tokensIssued.incrementAndGet();
            }
        };
    }

    int tokensIssued() {
        return tokensIssued.get();
    }

    /** The client's registered public keys (a hospital would register a JWKS URL or paste the JWKS). */
    @GetMapping(value = REGISTERED_JWKS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> registeredClientKeys() throws IOException {
        if (properties.clientJwks() != null) {
            return ResponseEntity.ok(Files.readString(properties.clientJwks()));
        }
        if (properties.clientPublicKey() != null) {
            return ResponseEntity.ok(new JWKSet(publicJwk(Files.readString(properties.clientPublicKey()), properties.clientKeyId())).toString());
        }
        return ResponseEntity.notFound().build();
    }

    private static com.nimbusds.jose.jwk.JWK publicJwk(String pem, String keyId) {
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        try {
            java.security.PublicKey key;
            try {
                key = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                return new RSAKey.Builder((java.security.interfaces.RSAPublicKey) key).keyID(keyId).build();
            } catch (java.security.spec.InvalidKeySpecException notRsa) {
                key = java.security.KeyFactory.getInstance("EC").generatePublic(new java.security.spec.X509EncodedKeySpec(der));
                return new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_384,
                        (java.security.interfaces.ECPublicKey) key).keyID(keyId).build();
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("sandbox.client-public-key is not an RSA or EC P-384 public key (PEM)", e);
        }
    }
}
