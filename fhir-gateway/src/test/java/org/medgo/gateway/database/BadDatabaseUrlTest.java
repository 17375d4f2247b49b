package org.medgo.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medgo.gateway.JavaSubprocess;

/** {@code ./medgo serve} with a wrong MEDGO_DB_URL stops at once with one line naming the variable. */
class BadDatabaseUrlTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {
        "postgres://db.example/medgo",              // not a JDBC URL
        "jdbc:postgresql://127.0.0.1:1/medgo",       // nothing listens there
    })
    void serveFailsFastWithOneLineNamingTheVariable(String badUrl) throws Exception {
        Path stdout = work.resolve("out.txt");
        Path stderr = work.resolve("err.txt");
        Process process = JavaSubprocess.medgo(
                Map.of("MEDGO_DB_URL", badUrl, "MEDGO_DB_USER", "medgo", "MEDGO_DB_PASSWORD", "secret-password",
                        "MEDGO_DATA_DIR", work.resolve("data").toString()),
                stdout, stderr, "serve");

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits without hanging").isTrue();
        assertThat(process.exitValue()).isNotZero();
        List<String> errorLines = Files.readAllLines(stderr).stream().filter(line -> !line.isBlank()).toList();
        assertThat(errorLines).hasSize(1);
        assertThat(errorLines.getFirst()).contains("MEDGO_DB_URL").doesNotContain("secret-password");
        assertThat(Files.readString(stdout)).isBlank();
        assertThat(work.resolve("data")).as("no embedded database was started").doesNotExist();
    }
}
