package org.medgo.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * {@link GatewayTest} contexts keep their embedded PostgreSQL under target/medgo-test-data until the test
 * JVM ends; this removes the previous run's directories when the next run starts, so they do not pile up.
 */
public final class TestDataCleaner implements LauncherSessionListener {

    static final Path TEST_DATA = Path.of("target", "medgo-test-data");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Files.isDirectory(TEST_DATA)) {
            return;
        }
        try (Stream<Path> files = Files.walk(TEST_DATA)) {
            files.sorted(Comparator.reverseOrder()).forEach(TestDataCleaner::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up old test data " + path, e);
        }
    }
}
