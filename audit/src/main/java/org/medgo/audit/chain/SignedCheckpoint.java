package org.medgo.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;

/**
 * The chain head at {@code seq} signed with the checkpoint key: the same record is stored in the database,
 * appended to the external checkpoint log and sent to the witness.
 */
public record SignedCheckpoint(long seq, byte[] head, String keyId, byte[] signature, Instant created) {

    static SignedCheckpoint sign(CheckpointKey key, long seq, byte[] head, Instant created) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.privateKey());
            s.update(message(seq, head));
            return new SignedCheckpoint(seq, head, key.keyId(), s.sign(), created);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the signature holds for this seq and head under {@code publicKey}. */
    public boolean verifiesWith(PublicKey publicKey) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(publicKey);
            s.update(message(seq, head));
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    public String headHex() {
        return ChainHash.hex(head);
    }

    private static byte[] message(long seq, byte[] head) {
        return ("medgo-audit-checkpoint|" + seq + "|" + ChainHash.hex(head)).getBytes(StandardCharsets.US_ASCII);
    }
}
