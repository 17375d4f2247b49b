package org.medgo.gateway.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole gateway with security ON, trusting {@link TestIssuer} (production profile); one shared context. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url="})
@ContextConfiguration(initializers = TestIssuer.Initializer.class)
@interface SecuredGatewayTest {}
