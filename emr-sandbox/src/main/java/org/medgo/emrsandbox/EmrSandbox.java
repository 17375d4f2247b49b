package org.medgo.emrsandbox;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;

/**
 * A stand-in EMR for the gateway's round-trip tests and the README demo: HAPI FHIR's JPA server (R4, H2 in
 * memory) at {@code /fhir}, protected by bearer tokens from its own SMART Backend Services token endpoint
 * ({@code /oauth2/token}, Spring Authorization Server: client credentials with a verified
 * {@code private_key_jwt} assertion), and a fault switch at {@code /_sandbox/faults} so tests can make it
 * answer 503 a given number of times. Listens on 127.0.0.1 only. Not part of the gateway.
 *
 * <p>Settings ({@code --name=value} or environment): {@code server.port}, {@code sandbox.client-id},
 * {@code sandbox.client-jwks} (file with the client's public JWKS), {@code sandbox.token-ttl} (e.g. 5m),
 * {@code sandbox.cds-issuer-key-file} (optional: the CDS client's private key for signing CDS Hooks JWTs).
 */
@SpringBootApplication(exclude = {HibernateJpaAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
public class EmrSandbox {

    public static void main(String[] args) {
        SpringApplication.run(EmrSandbox.class, args);
    }
}
