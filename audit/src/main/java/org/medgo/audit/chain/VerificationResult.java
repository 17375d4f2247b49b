package org.medgo.audit.chain;

/**
 * The outcome of {@link ChainVerifier#verify()}.
 *
 * @param events         rows checked
 * @param checkpoints    checkpoints whose signature and head matched
 * @param firstBrokenSeq the first sequence number where the chain or a checkpoint does not hold, or -1
 * @param problem        what is wrong there, or null when intact
 */
public record VerificationResult(long events, long checkpoints, long firstBrokenSeq, String problem) {
    public boolean intact() {
        return problem == null;
    }
}
