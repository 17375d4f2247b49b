package org.medgo.gateway.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code medgo.security.enabled=false} exists for tests; an API that then serves patient records without
 * authentication must not be reachable from the network. So without security the server binds to the loopback
 * interface, and a configured {@code server.address} that is not a loopback address stops the start.
 */
public class LoopbackOnlyWithoutSecurity implements EnvironmentPostProcessor {

    static final String SOURCE = "medgo-loopback-without-security";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getProperty("medgo.security.enabled", Boolean.class, true)) {
            return;
        }
        String address = env.getProperty("server.address");
        if (address == null || address.isBlank()) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE, Map.of("server.address", "127.0.0.1")));
            return;
        }
        if (!isLoopback(address)) {
            throw new IllegalStateException("medgo.security.enabled=false serves the FHIR API without authentication,"
                    + " so it only listens on this machine: server.address " + address + " is not a loopback address");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
