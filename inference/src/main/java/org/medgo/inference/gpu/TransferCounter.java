package org.medgo.inference.gpu;

import org.medgo.inference.runtime.StepPlan;

/**
 * Bytes the backend copied between host and device: inputs going in (ids, mask, positions) and logits coming
 * out, per kind of step. The KV cache never crosses, so it is not in here. Zero on the CPU provider.
 */
public final class TransferCounter {
    private long decodeSteps;
    private long decodeIn;
    private long decodeOut;
    private long prefillSteps;
    private long prefillIn;
    private long prefillOut;

    synchronized void add(StepPlan.Kind kind, long in, long out) {
        if (kind == StepPlan.Kind.PREFILL) {
            prefillSteps++;
            prefillIn += in;
            prefillOut += out;
        } else {
            decodeSteps++;
            decodeIn += in;
            decodeOut += out;
        }
    }

    /** A copy of the counts so far. */
    public synchronized TransferCounter snapshot() {
        TransferCounter c = new TransferCounter();
        c.decodeSteps = decodeSteps;
        c.decodeIn = decodeIn;
        c.decodeOut = decodeOut;
        c.prefillSteps = prefillSteps;
        c.prefillIn = prefillIn;
        c.prefillOut = prefillOut;
        return c;
    }

    /** The counts since {@code before}. */
    public synchronized TransferCounter minus(TransferCounter before) {
        TransferCounter c = snapshot();
        c.decodeSteps -= before.decodeSteps;
        c.decodeIn -= before.decodeIn;
        c.decodeOut -= before.decodeOut;
        c.prefillSteps -= before.prefillSteps;
        c.prefillIn -= before.prefillIn;
        c.prefillOut -= before.prefillOut;
        return c;
    }

    public synchronized long decodeSteps() {
        return decodeSteps;
    }

    public synchronized long prefillSteps() {
        return prefillSteps;
    }

    /** Mean host-to-device bytes per decode step. */
    public synchronized double decodeInPerStep() {
        return decodeSteps == 0 ? 0 : (double) decodeIn / decodeSteps;
    }

    /** Mean device-to-host bytes per decode step. */
    public synchronized double decodeOutPerStep() {
        return decodeSteps == 0 ? 0 : (double) decodeOut / decodeSteps;
    }

    @Override
    public synchronized String toString() {
        return String.format("decode %d steps, %.0f B/step host->device, %.0f B/step device->host; prefill %d chunks,"
                        + " %.0f B/chunk in, %.0f B/chunk out", decodeSteps, decodeInPerStep(), decodeOutPerStep(),
                prefillSteps, prefillSteps == 0 ? 0.0 : (double) prefillIn / prefillSteps,
                prefillSteps == 0 ? 0.0 : (double) prefillOut / prefillSteps);
    }
}
