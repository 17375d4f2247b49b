package org.medgo.gateway;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole gateway on a random port with the embedded PostgreSQL. Every test class using this annotation
 * shares one Spring context, and so one PostgreSQL, per test JVM (Spring's test context cache).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/shared", "medgo.db.url="})
public @interface GatewayTest {}
