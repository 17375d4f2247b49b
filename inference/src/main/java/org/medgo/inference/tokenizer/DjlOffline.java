package org.medgo.inference.tokenizer;

import java.nio.file.Path;

/**
 * DJL must never reach the network: offline mode, and the CPU flavour of its tokenizer library (on a
 * GPU host it would otherwise look for, and try to download, a CUDA build). The CPU library ships
 * inside the DJL jar and is extracted to DJL's cache folder.
 */
final class DjlOffline {
    private DjlOffline() {
    }

    static synchronized void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("RUST_FLAVOR", "cpu");
        String data = System.getenv("MEDGO_DATA_DIR");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            Path base = data != null && !data.isBlank() ? Path.of(data) : Path.of(System.getProperty("user.home"), ".medgo");
            System.setProperty("DJL_CACHE_DIR", base.resolve("djl").toString());
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null && System.getenv(key) == null) {
            System.setProperty(key, value);
        }
    }
}
