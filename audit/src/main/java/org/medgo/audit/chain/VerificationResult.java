package org.medgo.audit.chain;

import java.util.List;

/**
 * The outcome of {@link ChainVerifier#verify()}.
 *
 * @param events              rows checked
 * @param checkpoints         database checkpoints whose signature and head matched
 * @param externalCheckpoints entries of the external checkpoint log whose signature and head matched
 * @param firstBrokenSeq      the first sequence number where the chain or a checkpoint does not hold, or -1
 * @param problem             what is wrong there, or null when intact
 * @param warnings            what was reported and skipped without breaking the chain: checkpoints whose
 *                            signature does not verify, unreadable log lines, rows from before row MACs
 */
public record VerificationResult(long events, long checkpoints, long externalCheckpoints, long firstBrokenSeq,
                                 String problem, List<String> warnings) {
    public VerificationResult {
        warnings = List.copyOf(warnings);
    }

    public boolean intact() {
        return problem == null;
    }
}
