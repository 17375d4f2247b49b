package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.HostLogits;
import org.medgo.inference.runtime.StepPlan;

import java.lang.foreign.MemorySegment;

/**
 * Where the last-token logits land: pinned host memory, one row per step row, bound as the output of eager steps
 * (tensors for each width made once) and filled by copy after a captured step. For graphs that return logits for
 * every position a prefill chunk writes all of them and the last one is moved to the front.
 */
final class LogitsOutput {

    private final OrtIoSession io;
    private final DecoderShape shape;
    private final DecoderGraph graph;
    private final MemorySegment host;
    private final long rowBytes;
    private final MemorySegment[] byWidth;
    private final HostLogits view;
    private MemorySegment allPositions;

    LogitsOutput(OrtIoSession io, KvMemory memory, DecoderShape shape, DecoderGraph graph) {
        this.io = io;
        this.shape = shape;
        this.graph = graph;
        int rows = graph.logitsLastOnly() ? shape.maxBatch() : Math.max(shape.maxBatch(), shape.prefillChunk());
        rowBytes = (long) shape.vocabSize() * graph.logitsType().bytes();
        host = memory.allocateHost(rows * rowBytes);
        byWidth = new MemorySegment[shape.maxBatch()];
        for (int n = 1; n <= shape.maxBatch(); n++) {
            byWidth[n - 1] = io.tensor(OrtIoSession.Placement.HOST, host.address(), n * rowBytes,
                    new long[] {n, 1, shape.vocabSize()}, graph.logitsType().onnxCode());
        }
        view = new HostLogits(host, graph.logitsType(), shape.vocabSize(), shape.maxBatch());
    }

    MemorySegment host() {
        return host;
    }

    /** Binds the output of an eager step; returns the bytes it will bring back. */
    long bind(OrtIoSession.Binding binding, IoNames names, StepPlan plan) {
        if (graph.logitsLastOnly() || plan.tokens() == 1) {
            binding.output(names.logits(), byWidth[plan.rows() - 1]);
            return plan.rows() * rowBytes;
        }
        allPositions = io.tensor(OrtIoSession.Placement.HOST, host.address(), plan.tokens() * rowBytes,
                new long[] {1, plan.tokens(), shape.vocabSize()}, graph.logitsType().onnxCode());
        binding.output(names.logits(), allPositions);
        return plan.tokens() * rowBytes;
    }

    /** After the run: the step's last-token logits, {@code rows} of them. */
    HostLogits finish(StepPlan plan, long runNanos) {
        if (allPositions != null) {
            MemorySegment.copy(host, (plan.tokens() - 1) * rowBytes, host, 0, rowBytes);
        }
        return view.set(plan.rows(), runNanos);
    }

    /** The full-logits view (a captured step copies into {@link #host()}). */
    HostLogits view() {
        return view;
    }

    /** Releases the all-positions tensor of the last step, if it had one. */
    void releaseStep() {
        if (allPositions != null) {
            io.release(allPositions);
            allPositions = null;
        }
    }

    void release() {
        for (MemorySegment t : byWidth) {
            io.release(t);
        }
        releaseStep();
    }
}
