package org.medgo.audit.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret behind each row's MAC (HMAC-SHA256 over the row's chain hash). It lives in a file outside the
 * database (0600, next to the checkpoint key): the application's database login can insert audit rows, but a
 * row it inserts without this file's content does not verify. Verification needs the same file.
 */
public final class RowMacKey {
    static final String FILE = "audit-mac.key";
    private static final int BYTES = 32;

    private final SecretKeySpec key;

    private RowMacKey(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Loads the key from {@code dir}, creating it (owner-only) on first use. */
    public static RowMacKey loadOrCreate(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[BYTES];
                new SecureRandom().nextBytes(secret);
                KeyFiles.createOnce(file, secret); // false: another replica's key is there first, and is read below
            }
            return read(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load or create the audit row key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The key file alone, for verification. */
    public static RowMacKey read(Path file) {
        try {
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != BYTES) {
                throw new IllegalStateException("audit row key " + file + " must hold " + BYTES + " bytes, not " + secret.length);
            }
            return new RowMacKey(secret);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the audit row key " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    byte[] mac(byte[] rowHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(rowHash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verifies(byte[] rowHash, byte[] storedMac) {
        return storedMac != null && MessageDigest.isEqual(mac(rowHash), storedMac);
    }
}
