package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A second gateway on the same MEDGO_DATA_DIR is refused and leaves the first one's database running. */
class DataDirectoryInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondGatewayOnTheSameDataDirectoryIsRefused() {
        try (ConfigurableApplicationContext first = start()) {
            assertThatThrownBy(this::start)
                    .rootCause()
                    .hasMessageContaining("MEDGO_DATA_DIR")
                    .hasMessageContaining("in use by another running gateway");
            assertThat(first.getBean(JdbcClient.class).sql("SELECT 1").query(Integer.class).single()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0");
    }
}
