package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepPlan;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of an eager step (a prefill chunk, or a decode step without CUDA graphs) in pinned host memory: ids and
 * positions {@code [n, tokens]}, the mask {@code [n, longest]}; ORT copies them over when the step is bound.
 */
final class HostInputs {

    private final OrtIoSession io;
    private final DecoderGraph graph;
    private final boolean positions;
    private final MemorySegment ids;
    private final MemorySegment positionIds;
    private final MemorySegment mask;
    private final List<MemorySegment> stepTensors = new ArrayList<>();

    HostInputs(OrtIoSession io, KvMemory memory, DecoderShape shape, DecoderGraph graph, boolean positions) {
        this.io = io;
        this.graph = graph;
        this.positions = positions;
        int idsCap = Math.max(shape.prefillChunk(), shape.maxBatch());
        ids = memory.allocateHost((long) idsCap * 8);
        positionIds = memory.allocateHost((long) idsCap * 8);
        mask = memory.allocateHost((long) shape.maxBatch() * shape.maxLength() * 8);
    }

    static void put(MemorySegment host, ElementType type, long index, long value) {
        if (type == ElementType.INT64) {
            host.setAtIndex(ValueLayout.JAVA_LONG, index, value);
        } else {
            host.setAtIndex(ValueLayout.JAVA_INT, index, (int) value);
        }
    }

    /** Writes the step's inputs and binds them; returns the bytes they take on the bus. Release after the run. */
    long bind(OrtIoSession.Binding binding, IoNames names, List<RowInput> rows, StepPlan plan) {
        int n = plan.rows();
        int seq = plan.tokens();
        int total = plan.longest();
        ElementType idsType = graph.idsType();
        ElementType maskType = graph.maskType();
        for (int i = 0; i < n; i++) {
            RowInput r = rows.get(i);
            for (int t = 0; t < seq; t++) {
                put(ids, idsType, i * seq + t, r.tokens()[r.offset() + t]);
                put(positionIds, idsType, i * seq + t, r.pastLength() + t);
            }
            long base = (long) i * total;
            int len = r.totalLength();
            for (int j = 0; j < total; j++) {
                put(mask, maskType, base + j, j < len ? 1 : 0);
            }
        }
        long idsBytes = (long) n * seq * idsType.bytes();
        long maskBytes = (long) n * total * maskType.bytes();
        binding.input(names.ids(), tensor(ids, idsBytes, new long[] {n, seq}, idsType));
        binding.input(names.mask(), tensor(mask, maskBytes, new long[] {n, total}, maskType));
        if (positions) {
            binding.input(names.positions(), tensor(positionIds, idsBytes, new long[] {n, seq}, idsType));
            return 2 * idsBytes + maskBytes;
        }
        return idsBytes + maskBytes;
    }

    private MemorySegment tensor(MemorySegment host, long bytes, long[] dims, ElementType type) {
        MemorySegment t = io.tensor(OrtIoSession.Placement.HOST, host.address(), bytes, dims, type.onnxCode());
        stepTensors.add(t);
        return t;
    }

    /** Releases the tensors of the last step. */
    void releaseStep() {
        stepTensors.forEach(io::release);
        stepTensors.clear();
    }
}
