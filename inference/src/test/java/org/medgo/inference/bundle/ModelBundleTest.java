package org.medgo.inference.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.testing.TestBundles;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Missing or mismatched bundle files fail with a message that says which and why. */
class ModelBundleTest {

    @TempDir
    Path dir;

    private Path copyOfDemo() throws Exception {
        try (var files = Files.list(TestBundles.demo())) {
            for (Path f : files.toList()) {
                Files.createSymbolicLink(dir.resolve(f.getFileName()), f.toAbsolutePath());
            }
        }
        return dir;
    }

    @Test
    void missingTokenizerIsNamed() throws Exception {
        Files.delete(copyOfDemo().resolve("tokenizer.json"));
        assertThatThrownBy(() -> ModelBundle.open(dir)).isInstanceOf(BundleException.class)
                .hasMessageContaining("missing tokenizer.json");
    }

    @Test
    void missingConfigIsNamed() throws Exception {
        Files.delete(copyOfDemo().resolve("genai_config.json"));
        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessageContaining("missing genai_config.json");
    }

    @Test
    void notADirectory() {
        assertThatThrownBy(() -> ModelBundle.open(dir.resolve("nope"))).hasMessageContaining("is not a directory");
    }

    @Test
    void layerCountThatDisagreesWithTheGraphIsReported() throws Exception {
        copyOfDemo();
        Path cfg = dir.resolve("genai_config.json");
        String text = Files.readString(cfg);
        Files.delete(cfg);
        int layers = ModelBundle.open(TestBundles.demo()).config().layers();
        Files.writeString(cfg, text.replaceFirst("\"num_hidden_layers\"\\s*:\\s*\\d+", "\"num_hidden_layers\": 28"));
        ModelBundle bundle = ModelBundle.open(dir);
        assertThatThrownBy(() -> OrtJavaBackend.FACTORY.open(bundle, BackendOptions.defaults().withDevice(Device.CPU)
                .withMaxBatch(1).withMaxLength(64)))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("says 28 layers but the graph has " + layers);
    }

    @Test
    void malformedConfigIsReported() throws Exception {
        copyOfDemo();
        Path cfg = dir.resolve("genai_config.json");
        Files.delete(cfg);
        Files.writeString(cfg, "{\"model\": {\"decoder\": {}}}");
        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessageContaining("missing object \"inputs\"");
    }
}
