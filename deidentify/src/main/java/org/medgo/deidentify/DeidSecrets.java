package org.medgo.deidentify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed secret behind crypto-hash and the per-patient date offsets. Deriving the offset from a
 * secret (instead of storing a random one) keeps it identical for the same patient across requests
 * and resources without a lookup, and unguessable without the secret.
 */
public final class DeidSecrets {
    /** Environment variable holding the base64 secret (at least 32 bytes). */
    public static final String ENV = "MEDGO_DEID_SECRET";
    static final int MAX_SHIFT_DAYS = 365;

    private final byte[] key;

    private DeidSecrets(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("de-identification secret must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    public static DeidSecrets of(byte[] key) {
        return new DeidSecrets(key);
    }

    /** Reads {@value #ENV} (base64). */
    public static DeidSecrets fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(ENV + " is not set (base64, 32 bytes or more)");
        }
        return new DeidSecrets(Base64.getDecoder().decode(value.trim()));
    }

    /** A fresh random secret: for one-off CLI runs, where nothing has to be linked later. */
    public static DeidSecrets random() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new DeidSecrets(k);
    }

    /** Keyed hash (HMAC-SHA256, hex, first 32 chars) of a value in a namespace. */
    public String hash(String namespace, String value) {
        return HexFormat.of().formatHex(mac(namespace + '\u0000' + value), 0, 16);
    }

    /** Secret, non-zero day offset in [-365, -1] ∪ [1, 365] for a patient key. */
    public int dateOffsetDays(String patientKey) {
        byte[] h = mac("date-offset\u0000" + patientKey);
        int raw = ((h[0] & 0xff) << 8 | (h[1] & 0xff)) % (2 * MAX_SHIFT_DAYS);
        int days = raw - MAX_SHIFT_DAYS;
        return days >= 0 ? days + 1 : days;
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
