package org.medgo.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application behind {@code ./medgo serve}. Started by {@link ServeCommand}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static SpringApplication application() {
        return new SpringApplication(GatewayApplication.class);
    }
}
