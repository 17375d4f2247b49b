package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.binding.SessionSpec;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.runtime.StepPlan;

import java.util.logging.Logger;

/**
 * The session each step runs on, with its run options: everything on the main session, except decode steps of
 * {@code wideFrom} rows or more when a second session with ORT's CUTLASS int4 kernels is open (both bind the same
 * KV buffers). Run options are made once: eager ({@code gpu_graph_id = -1}) and one per captured width.
 */
final class StepSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StepSessions.class.getName());

    private final OrtIoSession main;
    /** Null when off. */
    private final OrtIoSession wide;
    private final int wideFrom;
    private final OrtIoSession.RunOptions eager;
    private final OrtIoSession.RunOptions wideEager;
    private final OrtIoSession.RunOptions[] graphRuns;
    private long wideSteps;

    private StepSessions(OrtIoSession main, OrtIoSession wide, int wideFrom, int maxBatch) {
        this.main = main;
        this.wide = wide;
        this.wideFrom = wideFrom;
        this.eager = main.runOptions(-1);
        this.wideEager = wide == null ? null : wide.runOptions(-1);
        this.graphRuns = new OrtIoSession.RunOptions[maxBatch];
    }

    /**
     * Adds the wide-step session to {@code main} when {@code wideFrom} asks for one; if it cannot open, says so and
     * runs every step on the main one.
     */
    static StepSessions open(OrtIoSession main, ModelBundle bundle, SessionSpec spec, int wideFrom, int maxBatch) {
        OrtIoSession wide = null;
        if (wideFrom > 0 && wideFrom <= maxBatch) {
            try {
                wide = OrtIoSession.open(bundle.modelFile(), spec.withCutlassInt4());
            } catch (RuntimeException e) {
                LOG.warning("no second session for decode steps of " + wideFrom + "+ rows (" + e.getMessage()
                        + "); all steps run on the first");
            }
        }
        try {
            return new StepSessions(main, wide, wideFrom, maxBatch);
        } catch (RuntimeException e) {
            if (wide != null) {
                wide.close();
            }
            throw e;
        }
    }

    OrtIoSession main() {
        return main;
    }

    /** The session a step of this kind and width runs on. */
    OrtIoSession sessionFor(StepPlan.Kind kind, int rows) {
        return kind == StepPlan.Kind.DECODE && wide != null && rows >= wideFrom ? wide : main;
    }

    /** Run options of an eager step; counts steps on the wide session. */
    OrtIoSession.RunOptions eager(StepPlan.Kind kind, int rows) {
        if (sessionFor(kind, rows) == wide) {
            wideSteps++;
            return wideEager;
        }
        return eager;
    }

    /** Run options of a decode step of width {@code rows} that replays (or captures) graph {@code rows}. */
    OrtIoSession.RunOptions captured(int rows) {
        OrtIoSession session = sessionFor(StepPlan.Kind.DECODE, rows);
        if (session == wide) {
            wideSteps++;
        }
        if (graphRuns[rows - 1] == null) {
            graphRuns[rows - 1] = session.runOptions(rows);
        }
        return graphRuns[rows - 1];
    }

    long wideSteps() {
        return wideSteps;
    }

    /** What the sessions add to the backend's description. */
    String describe() {
        return wide != null ? " + CUTLASS int4 kernels from " + wideFrom + " rows" : "";
    }

    /** Closes the run options and the wide session; the main session stays open (its owner closes it last). */
    @Override
    public void close() {
        eager.close();
        if (wideEager != null) {
            wideEager.close();
        }
        for (OrtIoSession.RunOptions r : graphRuns) {
            if (r != null) {
                r.close();
            }
        }
        if (wide != null) {
            wide.close();
        }
    }
}
