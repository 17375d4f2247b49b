package org.medgo.inference.runtime;

/**
 * One row of a decoder step: the sequence in KV slot {@code slot} already holds {@code pastLength}
 * tokens; {@code tokens[offset .. offset+count)} are appended to it. Positions are
 * {@code pastLength .. pastLength+count-1}.
 *
 * <p>{@code readout} says what the engine will read of the row's logits (a backend may give more).
 *
 * <p>The token array is not copied (decode steps are hot); the caller must not change it during the
 * step.
 */
public record RowInput(int slot, int pastLength, int[] tokens, int offset, int count, Readout readout) {
    public RowInput {
        if (slot < 0 || pastLength < 0 || count <= 0 || offset < 0 || offset + count > tokens.length) {
            throw new IllegalArgumentException("bad row: slot=" + slot + " past=" + pastLength
                    + " offset=" + offset + " count=" + count + " of " + tokens.length);
        }
        java.util.Objects.requireNonNull(readout, "readout");
    }

    /** A row whose logits are read in full. */
    public RowInput(int slot, int pastLength, int[] tokens, int offset, int count) {
        this(slot, pastLength, tokens, offset, count, Readout.LOGITS);
    }

    /** A decode row: one token. */
    public static RowInput decode(int slot, int pastLength, int[] oneToken) {
        return decode(slot, pastLength, oneToken, Readout.LOGITS);
    }

    /** A decode row that reads back only {@code readout}. */
    public static RowInput decode(int slot, int pastLength, int[] oneToken, Readout readout) {
        return new RowInput(slot, pastLength, oneToken, 0, 1, readout);
    }

    public int totalLength() {
        return pastLength + count;
    }
}
