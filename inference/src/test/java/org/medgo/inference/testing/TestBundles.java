package org.medgo.inference.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the demo bundle: the module's demo-model folder, or MEDGO_TEST_BUNDLE. */
public final class TestBundles {
    private TestBundles() {
    }

    public static Path demo() {
        String override = System.getenv("MEDGO_TEST_BUNDLE");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Path p = Path.of("demo-model");
        if (!Files.isDirectory(p)) {
            p = Path.of("inference", "demo-model");
        }
        // Until the exporter's demo bundle is in main, other modules' builds (-am) must not break on its absence.
        if (!Files.isRegularFile(p.resolve("genai_config.json"))) {
            org.junit.jupiter.api.Assumptions.abort("demo bundle not found at " + p.toAbsolutePath()
                    + " (set MEDGO_TEST_BUNDLE to a bundle folder)");
        }
        return p;
    }
}
