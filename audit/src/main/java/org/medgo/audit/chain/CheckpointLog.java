package org.medgo.audit.chain;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Signed checkpoints appended to a file outside the database, one line each:
 * {@code v1 <seq> <head hex> <key id> <signature base64> <created>}. Someone who can rewrite or empty the audit
 * tables cannot make this file agree with the change, so verification against its newest entry catches rows
 * cut off the end and a wiped trail. Meant for storage the gateway can append to but not rewrite (an
 * append-only attribute, a WORM mount); lines are written with O_APPEND and synced before the database row.
 */
public final class CheckpointLog {
    public static final String FILE = "checkpoints.log";

    /** What the file held: the checkpoints it could read, and lines it could not. */
    public record Entries(List<SignedCheckpoint> checkpoints, List<String> unreadable) {}

    private final Path file;

    public CheckpointLog(Path file) {
        this.file = file;
    }

    /** The log in {@code dir} (the audit key directory by default). */
    public static CheckpointLog in(Path dir) {
        return new CheckpointLog(dir.resolve(FILE));
    }

    public Path file() {
        return file;
    }

    synchronized void append(SignedCheckpoint cp) {
        String line = "v1 " + cp.seq() + " " + cp.headHex() + " " + cp.keyId() + " "
                + Base64.getEncoder().encodeToString(cp.signature()) + " " + cp.created() + "\n";
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot append to the audit checkpoint log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every line, oldest first; a missing file is an empty log. */
    public Entries read() {
        List<SignedCheckpoint> checkpoints = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!Files.exists(file)) {
            return new Entries(checkpoints, unreadable);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit checkpoint log " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            try {
                if (f.length != 6 || !f[0].equals("v1")) {
                    throw new IllegalArgumentException("not a v1 checkpoint line");
                }
                checkpoints.add(new SignedCheckpoint(Long.parseLong(f[1]), HexFormat.of().parseHex(f[2]), f[3],
                        Base64.getDecoder().decode(f[4]), Instant.parse(f[5])));
            } catch (RuntimeException e) {
                unreadable.add("line " + (i + 1) + " of " + file + " is not a checkpoint (" + e.getMessage() + ")");
            }
        }
        return new Entries(checkpoints, unreadable);
    }
}
