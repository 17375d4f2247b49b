package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** With security switched off the gateway listens on loopback only, and refuses a network address. */
class LoopbackOnlyWithoutSecurityTest {

    private static StandardEnvironment env(Map<String, Object> properties) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", properties));
        new LoopbackOnlyWithoutSecurity().postProcessEnvironment(env, new SpringApplication());
        return env;
    }

    @Test
    void withoutSecurityTheServerBindsToLoopback() {
        assertThat(env(Map.of("medgo.security.enabled", "false")).getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(env(Map.of("medgo.security.enabled", "false", "server.address", "::1")).getProperty("server.address"))
                .isEqualTo("::1");
    }

    @Test
    void withoutSecurityANetworkAddressStopsTheStart() {
        assertThatThrownBy(() -> env(Map.of("medgo.security.enabled", "false", "server.address", "0.0.0.0")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not a loopback address");
    }

    @Test
    void withSecurityTheAddressIsLeftAlone() {
        assertThat(env(Map.of()).getProperty("server.address")).isNull();
        assertThat(env(Map.of("medgo.security.enabled", "true", "server.address", "0.0.0.0"))
                .getProperty("server.address")).isEqualTo("0.0.0.0");
    }
}
