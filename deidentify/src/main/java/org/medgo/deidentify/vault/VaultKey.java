package org.medgo.deidentify.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts vault entries. Production: base64 of 32 random bytes in
 * {@value #ENV}. The key id (first bytes of its SHA-256) is stored next to each row so a rotated key
 * is noticed instead of producing garbage.
 */
public final class VaultKey {
    public static final String ENV = "MEDGO_VAULT_KEY";
    private final SecretKey key;
    private final String id;

    private VaultKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException(ENV + " must be 32 bytes (base64), got " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        try {
            this.id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static VaultKey of(byte[] raw) {
        return new VaultKey(raw.clone());
    }

    /** Reads {@value #ENV}; fails with a clear message when missing or malformed. */
    public static VaultKey fromEnvironment(Map<String, String> env) {
        String v = env.get(ENV);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(ENV + " is not set: 32 random bytes, base64 (openssl rand -base64 32)");
        }
        try {
            return new VaultKey(Base64.getDecoder().decode(v.trim()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(ENV + " is not valid base64 of 32 bytes");
        }
    }

    /**
     * A fixed, publicly known key for the demo profile and tests only: anything it protects is not
     * protected. The caller must say so by name.
     */
    public static VaultKey demoOnlyInsecure() {
        try {
            return new VaultKey(MessageDigest.getInstance("SHA-256")
                    .digest("medgo-demo-vault-key-NOT-FOR-PRODUCTION".getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    SecretKey secretKey() {
        return key;
    }

    public String id() {
        return id;
    }
}
