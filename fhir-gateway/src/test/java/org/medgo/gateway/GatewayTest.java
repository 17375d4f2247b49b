package org.medgo.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole gateway on a random port with the embedded PostgreSQL. Every test class using this annotation
 * (and no further configuration) shares one Spring context, and so one PostgreSQL, per test JVM (Spring's
 * test context cache). A class that adds its own beans gets its own context and its own fresh data
 * directory, so two live contexts never share a PostgreSQL data directory.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url=",
                // the features under test here are not security; org.medgo.gateway.security tests turn it on
                "medgo.security.enabled=false"})
public @interface GatewayTest {}
