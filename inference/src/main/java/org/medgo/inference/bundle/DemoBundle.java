package org.medgo.inference.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Logger;

/**
 * The tiny random-weight demo bundle shipped inside the jar (from {@code inference/demo-model/}), and
 * the rule that picks a model: an explicit folder, else {@code MEDGO_MODEL_DIR}, else the demo bundle
 * extracted under {@code MEDGO_DATA_DIR} (default {@code ~/.medgo}).
 */
public final class DemoBundle {
    private static final Logger LOG = Logger.getLogger(DemoBundle.class.getName());
    static final String RESOURCE_DIR = "org/medgo/inference/demo-model/";
    /** Files a bundle may hold; the demo bundle's are copied when present on the class path. */
    private static final List<String> FILES = List.of("genai_config.json", "tokenizer.json", "tokenizer_config.json",
            "model.onnx", "model.onnx.data", "model.onnx_data", "model.data", "README.md", "NOTICE");

    private DemoBundle() {
    }

    /**
     * The bundle to serve: {@code explicitDir} if not null, else {@code MEDGO_MODEL_DIR}, else the demo
     * bundle (with a loud warning from the engine that its text is meaningless).
     */
    public static ModelBundle resolve(Path explicitDir) {
        if (explicitDir != null) {
            return ModelBundle.open(explicitDir);
        }
        String env = System.getenv("MEDGO_MODEL_DIR");
        if (env != null && !env.isBlank()) {
            return ModelBundle.open(Path.of(env));
        }
        return open(dataDir().resolve("demo-model"));
    }

    /** Extracts the class-path demo bundle into {@code target} (skipping files already there) and opens it. */
    public static ModelBundle open(Path target) {
        ClassLoader cl = DemoBundle.class.getClassLoader();
        if (cl.getResource(RESOURCE_DIR + "genai_config.json") == null) {
            throw new BundleException("no model configured (set MEDGO_MODEL_DIR or --model) and this build has no demo"
                    + " bundle on its class path (" + RESOURCE_DIR + ")");
        }
        try {
            // the data directory may hold secrets (keys, database): whoever creates it first makes it owner-only
            Files.createDirectories(target,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (String name : FILES) {
                URL url = cl.getResource(RESOURCE_DIR + name);
                if (url == null) {
                    continue;
                }
                Path dest = target.resolve(name);
                Path marker = target.resolve("." + name + ".sha256");
                String digest = sha256(url);
                if (Files.isRegularFile(dest) && Files.isRegularFile(marker) && Files.readString(marker).equals(digest)) {
                    continue; // same content as last extraction (a rebuilt jar with new weights differs)
                }
                Path tmp = Files.createTempFile(target, name, ".part");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(marker, digest);
            }
        } catch (IOException e) {
            throw new BundleException("cannot extract the demo bundle to " + target + ": " + e.getMessage(), e);
        }
        LOG.warning("No MEDGO_MODEL_DIR: using the built-in DEMO model (random weights, meaningless text) from " + target);
        return ModelBundle.open(target, true);
    }

    private static String sha256(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dataDir() {
        String data = System.getenv("MEDGO_DATA_DIR");
        return data != null && !data.isBlank() ? Path.of(data) : Path.of(System.getProperty("user.home"), ".medgo");
    }
}
