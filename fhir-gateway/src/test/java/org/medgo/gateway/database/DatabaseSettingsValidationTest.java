package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;

/** Out-of-range database settings stop the start before any database is touched. */
class DatabaseSettingsValidationTest {

    @TempDir
    Path dataDir;

    @Test
    void aPoolSizeOfZeroIsRejectedAtStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0", "--medgo.db.pool-size=0"))
                .hasRootCauseInstanceOf(BindValidationException.class)
                .rootCause()
                .hasMessageContaining("poolSize");
        assertThatThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class)
                        .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0",
                                "--medgo.db.embedded.port=70000"))
                .rootCause()
                .hasMessageContaining("embedded.port");
        assertThat(dataDir.resolve("pgdata")).as("no database started").doesNotExist();
    }
}
