package org.medgo.gateway.operations.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * SHA-256 over the bundle's files (sorted by name, each as name, size and content). Files above
 * {@link #FULL_HASH_LIMIT} contribute their size and first/last 64 MiB only: hashing 60 GB of weights
 * at every start would take minutes, and a different export changes the header and tail anyway.
 */
final class BundleHash {

    static final long FULL_HASH_LIMIT = 1L << 30;
    private static final int SAMPLE = 64 << 20;

    private BundleHash() {}

    static String of(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                long size = Files.size(file);
                digest.update((file.getFileName() + "\u0000" + size + "\u0000").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (size <= FULL_HASH_LIMIT) {
                    try (InputStream in = Files.newInputStream(file)) {
                        update(digest, in, Long.MAX_VALUE);
                    }
                } else {
                    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                        update(digest, java.nio.channels.Channels.newInputStream(ch.position(0)), SAMPLE);
                        update(digest, java.nio.channels.Channels.newInputStream(ch.position(size - SAMPLE)), SAMPLE);
                    }
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hash the model bundle", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, InputStream in, long limit) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = limit;
        int n;
        while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
            digest.update(buf, 0, n);
            left -= n;
        }
    }
}
