package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.DeviceSelection;
import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.runtime.HostLogits;
import org.medgo.inference.runtime.Readout;
import org.medgo.inference.runtime.RowInput;
import org.medgo.inference.runtime.StepLogits;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The device buffers a captured decode step reads and writes: a CUDA graph replays with the addresses it was
 * captured with, so ids {@code [n, 1]}, positions, the mask {@code [n, maxLength]} (GroupQueryAttention reads the
 * lengths from its row sums) and logits {@code [n, 1, vocab]} stay at fixed addresses, and the host updates them
 * by copy around the run. Only the mask columns up to the longest row cross the bus.
 *
 * <p>When the graph selects tokens on the device, its {@code topk_*} outputs have fixed buffers too, and after the run
 * only what the rows read comes back ({@link org.medgo.inference.runtime.Readout}): k values and ids per greedy or
 * top-k row instead of a row of logits.
 */
final class FixedDecodeBuffers {

    private final OrtIoSession io;
    private final KvMemory memory;
    private final DecoderShape shape;
    private final DecoderGraph graph;
    private final boolean positions;
    private final long ids;
    private final long positionIds;
    private final long mask;
    private final long logits;
    private final MemorySegment idsHost;
    private final MemorySegment positionsHost;
    private final MemorySegment maskRows;
    private final long maskRowBytes;
    private final long logitsRowBytes;
    /** Per row: the length the host mask row holds, and the length the device copy holds. */
    private final int[] hostLength;
    private final int[] deviceLength;
    private final List<MemorySegment> tensors = new ArrayList<>();
    /** Device-side selection: device and host buffers, null without. */
    private final long topValues;
    private final long topIds;
    private final MemorySegment topValuesHost;
    private final MemorySegment topIdsHost;
    private final int k;
    private SelectedLogits selected;
    /** Rows read back so far, by {@link Readout} ordinal. */
    private final long[] rowsRead = new long[Readout.values().length];

    FixedDecodeBuffers(OrtIoSession io, KvMemory memory, DecoderShape shape, DecoderGraph graph, boolean positions) {
        this.io = io;
        this.memory = memory;
        this.shape = shape;
        this.graph = graph;
        this.positions = positions;
        int rows = shape.maxBatch();
        long idsBytes = (long) rows * graph.idsType().bytes();
        ids = memory.allocateCache(idsBytes);
        positionIds = positions ? memory.allocateCache(idsBytes) : 0;
        idsHost = memory.allocateHost(idsBytes);
        positionsHost = memory.allocateHost(idsBytes);
        maskRowBytes = (long) shape.maxLength() * graph.maskType().bytes();
        mask = memory.allocateCache(rows * maskRowBytes);
        maskRows = memory.allocateHost(rows * maskRowBytes);
        logitsRowBytes = (long) shape.vocabSize() * graph.logitsType().bytes();
        logits = memory.allocateCache(rows * logitsRowBytes);
        hostLength = new int[rows];
        deviceLength = new int[rows];
        k = graph.selection().topK();
        if (k > 0) {
            topValues = memory.allocateCache((long) rows * k * graph.logitsType().bytes());
            topIds = memory.allocateCache((long) rows * k * 4);
            topValuesHost = memory.allocateHost((long) rows * k * graph.logitsType().bytes());
            topIdsHost = memory.allocateHost((long) rows * k * 4);
        } else {
            topValues = topIds = 0;
            topValuesHost = topIdsHost = null;
        }
    }

    /** The graph's device-side selection, {@link DeviceSelection#NONE} without. */
    DeviceSelection selection() {
        return graph.selection();
    }

    /**
     * The logits of the step that was just {@link #download}ed: each row answers from what it read back; {@code full}
     * holds the rows that read their logits (all of them when the graph selects nothing).
     */
    StepLogits view(List<RowInput> rows, HostLogits full, long runNanos) {
        if (k == 0) {
            return full.set(rows.size(), runNanos);
        }
        if (selected == null) {
            selected = new SelectedLogits(full, topValuesHost, topIdsHost, graph.logitsType(), k,
                    graph.selection().vocab(), shape.maxBatch());
        }
        return selected.set(rows, runNanos);
    }

    /** Binds the buffers of a step of width {@code n}. */
    void bind(OrtIoSession.Binding binding, IoNames names, int n) {
        ElementType idsType = graph.idsType();
        binding.input(names.ids(), tensor(ids, (long) n * idsType.bytes(), new long[] {n, 1}, idsType));
        if (positions) {
            binding.input(names.positions(), tensor(positionIds, (long) n * idsType.bytes(), new long[] {n, 1},
                    idsType));
        }
        binding.input(names.mask(), tensor(mask, n * maskRowBytes, new long[] {n, shape.maxLength()},
                graph.maskType()));
        binding.output(names.logits(), tensor(logits, n * logitsRowBytes, new long[] {n, 1, shape.vocabSize()},
                graph.logitsType()));
        if (k > 0) {
            binding.output(names.selection()[0], tensor(topValues, (long) n * k * graph.logitsType().bytes(),
                    new long[] {n, 1, k}, graph.logitsType()));
            binding.output(names.selection()[1], tensor(topIds, (long) n * k * 4, new long[] {n, 1, k},
                    ElementType.INT32));
        }
    }

    private MemorySegment tensor(long address, long bytes, long[] dims, ElementType type) {
        MemorySegment t = io.tensor(OrtIoSession.Placement.DEVICE, address, bytes, dims, type.onnxCode());
        tensors.add(t);
        return t;
    }

    /** Copies the step's ids, positions and changed mask band to the device; returns the bytes that went over. */
    long upload(List<RowInput> rows) {
        int n = rows.size();
        ElementType maskType = graph.maskType();
        int band = 0;
        for (int i = 0; i < n; i++) {
            RowInput r = rows.get(i);
            HostInputs.put(idsHost, graph.idsType(), i, r.tokens()[r.offset()]);
            HostInputs.put(positionsHost, graph.idsType(), i, r.pastLength());
            int len = r.totalLength();
            long row = i * (maskRowBytes / maskType.bytes());
            for (int j = Math.min(len, hostLength[i]); j < Math.max(len, hostLength[i]); j++) {
                HostInputs.put(maskRows, maskType, row + j, j < len ? 1 : 0);
            }
            hostLength[i] = len;
            band = Math.max(band, Math.max(len, deviceLength[i]));
        }
        // Columns past every row's extent are already zero on the device: only the band crosses the bus.
        memory.copy2d(mask, maskRowBytes, maskRows.address(), maskRowBytes, (long) band * maskType.bytes(), n);
        long idsLength = (long) n * graph.idsType().bytes();
        memory.copy2d(ids, idsLength, idsHost.address(), idsLength, idsLength, 1);
        long in = idsLength + (long) n * band * maskType.bytes();
        if (positions) {
            memory.copy2d(positionIds, idsLength, positionsHost.address(), idsLength, idsLength, 1);
            in += idsLength;
        }
        System.arraycopy(hostLength, 0, deviceLength, 0, n);
        return in;
    }

    /**
     * Copies what the rows read ({@link RowInput#readout()}; all logits when the graph selects nothing) into host
     * memory, the full rows into {@code host}; returns the bytes.
     */
    long download(MemorySegment host, List<RowInput> rows) {
        int n = rows.size();
        int firstFull = n;
        int lastFull = -1;
        boolean topK = false;
        for (int i = 0; i < n; i++) {
            Readout r = k > 0 ? rows.get(i).readout() : Readout.LOGITS;
            rowsRead[r.ordinal()]++;
            switch (r) {
                case ARGMAX, TOP_K -> topK = true;
                case LOGITS -> {
                    firstFull = Math.min(firstFull, i);
                    lastFull = i;
                }
            }
        }
        long bytes = 0;
        if (topK) {
            bytes += copyOut(topValuesHost, topValues, (long) n * k * graph.logitsType().bytes());
            bytes += copyOut(topIdsHost, topIds, (long) n * k * 4);
        }
        if (lastFull >= firstFull) {
            long offset = firstFull * logitsRowBytes;
            long length = (lastFull - firstFull + 1) * logitsRowBytes;
            memory.copy2d(host.address() + offset, length, logits + offset, length, length, 1);
            bytes += length;
        }
        return bytes;
    }

    long rowsRead(Readout readout) {
        return rowsRead[readout.ordinal()];
    }

    private long copyOut(MemorySegment host, long device, long bytes) {
        memory.copy2d(host.address(), bytes, device, bytes, bytes, 1);
        return bytes;
    }

    void release() {
        tensors.forEach(io::release);
        tensors.clear();
    }
}
