package org.medgo.audit.chain;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * Key files that several gateway processes sharing one key directory (replicas on one database) may try to
 * create at the same moment. A rename would let the last process replace the key the first one already
 * uses (each would then sign or MAC with its own); a hard link fails when the name exists, so exactly one
 * process's key is ever stored and the others read it.
 */
final class KeyFiles {
    private KeyFiles() {}

    /** Makes the directory (owner only) if needed. */
    static void ensureDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Writes {@code content} to {@code file} (0600) unless it exists; true when this call created it. */
    static boolean createOnce(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        ensureDirectory(dir);
        Path tmp = Files.createTempFile(dir, "key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, content);
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            return false;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Waits for a file that the process which won {@link #createOnce} writes right after its first one. */
    static void awaitFile(Path file, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(file + " did not appear within " + limit.toSeconds()
                        + " s (the process creating the key pair stopped half-way? remove the key files and start again)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + file, e);
            }
        }
    }
}
