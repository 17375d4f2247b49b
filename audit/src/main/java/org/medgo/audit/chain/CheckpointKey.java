package org.medgo.audit.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The Ed25519 key that signs checkpoints. It lives in files outside the database (private key 0600), so
 * someone who can rewrite the audit tables cannot forge a checkpoint over the rewritten chain.
 * Verification needs only the public key file.
 */
public record CheckpointKey(PublicKey publicKey, PrivateKey privateKey, String keyId) {
    static final String PRIVATE_FILE = "checkpoint-ed25519.key";
    static final String PUBLIC_FILE = "checkpoint-ed25519.pub";

    /** Loads the key pair from {@code dir}, creating it (private key readable by the owner only) on first use. */
    public static CheckpointKey loadOrCreate(Path dir) {
        try {
            Path priv = dir.resolve(PRIVATE_FILE);
            Path pub = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(priv)) {
                // replicas sharing the key directory may start together: one key pair wins, the others read it
                KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                if (KeyFiles.createOnce(priv, kp.getPrivate().getEncoded())) {
                    KeyFiles.createOnce(pub, kp.getPublic().getEncoded());
                }
            }
            KeyFiles.awaitFile(pub, java.time.Duration.ofSeconds(30));
            KeyFactory kf = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = kf.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv)));
            PublicKey publicKey = readPublic(pub);
            return new CheckpointKey(publicKey, privateKey, keyId(publicKey));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load or create the audit checkpoint key in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The public key alone, for verification. */
    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(file)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the audit checkpoint public key " + file + ": " + e.getMessage(), e);
        }
    }

    public static Path publicKeyFile(Path dir) {
        return dir.resolve(PUBLIC_FILE);
    }

    static String keyId(PublicKey key) {
        return ChainHash.hex(ChainHash.sha256().digest(key.getEncoded())).substring(0, 16);
    }
}
