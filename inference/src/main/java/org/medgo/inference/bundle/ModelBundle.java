package org.medgo.inference.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A model bundle folder whose files are present and readable: {@code model.onnx} (+ external data),
 * {@code genai_config.json}, {@code tokenizer.json}, {@code tokenizer_config.json}. Whether the graph
 * agrees with the config is checked when a backend opens it (that needs the runtime).
 *
 * @param dir     the folder
 * @param config  parsed {@code genai_config.json}
 * @param demo    true for the bundled random-weight demo model (its text is meaningless)
 */
public record ModelBundle(Path dir, GenaiConfig config, boolean demo) {

    public Path modelFile() {
        return dir.resolve(config.modelFile());
    }

    public Path tokenizerJson() {
        return dir.resolve("tokenizer.json");
    }

    public Path tokenizerConfigJson() {
        return dir.resolve("tokenizer_config.json");
    }

    /** Opens a bundle folder, failing with a message that names the missing or malformed file. */
    public static ModelBundle open(Path dir) {
        return open(dir, false);
    }

    static ModelBundle open(Path dir, boolean demo) {
        if (!Files.isDirectory(dir)) {
            throw new BundleException("model bundle " + dir + " is not a directory");
        }
        Path genai = dir.resolve("genai_config.json");
        requireFile(genai, "genai_config.json (the onnxruntime-genai model builder's config)");
        GenaiConfig config = GenaiConfig.read(genai);
        requireFile(dir.resolve(config.modelFile()), config.modelFile() + " (named by genai_config.json)");
        requireFile(dir.resolve("tokenizer.json"), "tokenizer.json");
        requireFile(dir.resolve("tokenizer_config.json"), "tokenizer_config.json (with the chat template)");
        return new ModelBundle(dir.toAbsolutePath().normalize(), config, demo);
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new BundleException("model bundle is missing " + what + ": " + file);
        }
        if (!Files.isReadable(file)) {
            throw new BundleException("model bundle file is not readable: " + file);
        }
    }
}
