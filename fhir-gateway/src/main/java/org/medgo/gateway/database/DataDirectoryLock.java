package org.medgo.gateway.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One gateway per MEDGO_DATA_DIR. Held while the embedded PostgreSQL runs; the operating system releases
 * it when the JVM dies, however it dies, which is what lets the next start recognise a stale server.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dataDir) {
        return tryAcquire(dataDir).orElseThrow(() ->
                new IllegalStateException("MEDGO_DATA_DIR " + dataDir + " is in use by another running gateway"));
    }

    /** True while a running gateway holds the lock of {@code dataDir}. */
    static boolean isHeld(Path dataDir) {
        // a first start (e.g. audit verify on a fresh MEDGO_DATA_DIR) creates the directory later, owner-only;
        // opening the lock file here would fail on the missing directory instead
        if (!Files.isDirectory(dataDir)) {
            return false;
        }
        Optional<DataDirectoryLock> lock = tryAcquire(dataDir);
        lock.ifPresent(DataDirectoryLock::close);
        return lock.isEmpty();
    }

    private static Optional<DataDirectoryLock> tryAcquire(Path dataDir) {
        Path file = dataDir.resolve("gateway.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new DataDirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock MEDGO_DATA_DIR " + dataDir, e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
