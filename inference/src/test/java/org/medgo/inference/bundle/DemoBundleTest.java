package org.medgo.inference.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo bundle packed on the class path extracts to a folder that opens as a bundle, flagged as demo. */
class DemoBundleTest {

    @TempDir
    Path dir;

    @Test
    void extractsAndOpensTheClassPathDemoBundle() throws Exception {
        if (getClass().getClassLoader().getResource(DemoBundle.RESOURCE_DIR + "genai_config.json") == null) {
            org.junit.jupiter.api.Assumptions.abort("inference/demo-model is not in this build yet");
        }
        ModelBundle b = DemoBundle.open(dir.resolve("demo"));
        assertThat(b.demo()).isTrue();
        assertThat(Files.size(b.modelFile())).isPositive();
        long modified = Files.getLastModifiedTime(b.tokenizerJson()).toMillis();
        ModelBundle again = DemoBundle.open(dir.resolve("demo")); // second start: nothing rewritten
        assertThat(Files.getLastModifiedTime(again.tokenizerJson()).toMillis()).isEqualTo(modified);
    }

    @Test
    void aDataDirectoryItCreatesIsOwnerOnly() throws Exception {
        if (getClass().getClassLoader().getResource(DemoBundle.RESOURCE_DIR + "genai_config.json") == null) {
            org.junit.jupiter.api.Assumptions.abort("inference/demo-model is not in this build yet");
        }
        Path data = dir.resolve("fresh-data-dir");
        DemoBundle.open(data.resolve("demo-model"));
        // it holds the database and the keys once the gateway runs, whichever part created it first
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
    }
}
