package org.medgo.inference.runtime;

import java.util.List;

/**
 * The shape of one {@link DecoderBackend#step}, checked once for every backend.
 *
 * @param kind    prefill chunk (one row, any slot) or decode step (one token per row, rows in slots 0..n-1)
 * @param rows    rows in the step
 * @param tokens  new tokens per row
 * @param longest the longest row's total length after the step (the mask's width)
 */
public record StepPlan(Kind kind, int rows, int tokens, int longest) {

    /** The two step shapes a backend runs; they are never mixed. */
    public enum Kind { PREFILL, DECODE }

    /** Checks {@code rows} against the backend's shape; throws {@link IllegalArgumentException} when they do not fit. */
    public static StepPlan of(List<RowInput> rows, DecoderShape shape) {
        int n = rows.size();
        if (n == 0 || n > shape.maxBatch()) {
            throw new IllegalArgumentException("a step needs 1.." + shape.maxBatch() + " rows, got " + n);
        }
        RowInput first = rows.getFirst();
        int seq = first.count();
        Kind kind = n == 1 && (seq > 1 || first.slot() != 0) ? Kind.PREFILL : Kind.DECODE;
        if (kind == Kind.DECODE) {
            for (int i = 0; i < n; i++) {
                RowInput r = rows.get(i);
                if (r.count() != 1 || r.slot() != i) {
                    throw new IllegalArgumentException("a decode step needs one token per row in slots 0..n-1; row "
                            + i + " has slot " + r.slot() + " and " + r.count() + " tokens");
                }
            }
        } else if (seq > Math.max(shape.prefillChunk(), shape.maxBatch())) {
            throw new IllegalArgumentException("prefill chunk of " + seq + " tokens is over " + shape.prefillChunk());
        } else if (first.slot() >= shape.maxBatch()) {
            throw new IllegalArgumentException("slot " + first.slot() + " is over " + shape.maxBatch());
        }
        int longest = 0;
        for (RowInput r : rows) {
            if (r.totalLength() > shape.maxLength()) {
                throw new IllegalArgumentException("sequence in slot " + r.slot() + " would hold " + r.totalLength()
                        + " tokens, over the KV cache length " + shape.maxLength());
            }
            longest = Math.max(longest, r.totalLength());
        }
        return new StepPlan(kind, n, seq, longest);
    }

    public boolean prefill() {
        return kind == Kind.PREFILL;
    }
}
