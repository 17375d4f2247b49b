package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.runtime.DecoderShape;
import org.medgo.inference.runtime.ElementType;
import org.medgo.inference.runtime.KvSlotMover;
import org.medgo.inference.runtime.StepPlan;

import java.lang.foreign.MemorySegment;

/**
 * The KV cache in the backend's memory: one key and one value buffer per layer, {@code [maxBatch, kvHeads, maxLength,
 * headDim]}, with tensors over the views steps bind, made once: the first {@code n} slots (decode steps of width
 * {@code n}) and each single slot (prefill chunks). The same tensor is bound as past input and present output.
 */
final class KvSlots implements KvSlotMover.Copier {

    private final OrtIoSession io;
    private final KvMemory memory;
    private final DecoderShape shape;
    private final ElementType type;
    private final KvSlotMover mover;
    /** Device addresses by buffer number: {@code 2 * layer} keys, {@code 2 * layer + 1} values. */
    private final long[] buffers;
    /** [n - 1][buffer]: slots 0..n-1. */
    private final MemorySegment[][] prefix;
    /** [slot][buffer]: one slot; slot 0 shares prefix[0]. */
    private final MemorySegment[][] single;
    private long scratch;

    KvSlots(OrtIoSession io, KvMemory memory, DecoderShape shape, ElementType type) {
        this.io = io;
        this.memory = memory;
        this.shape = shape;
        this.type = type;
        this.mover = new KvSlotMover(shape, type.bytes(), this);
        int count = 2 * shape.layers();
        buffers = new long[count];
        prefix = new MemorySegment[shape.maxBatch()][count];
        single = new MemorySegment[shape.maxBatch()][count];
        for (int b = 0; b < count; b++) {
            buffers[b] = memory.allocateCache(mover.bufferBytes());
            for (int n = 1; n <= shape.maxBatch(); n++) {
                prefix[n - 1][b] = tensor(buffers[b], 0, n);
            }
            for (int slot = 0; slot < shape.maxBatch(); slot++) {
                single[slot][b] = slot == 0 ? prefix[0][b] : tensor(buffers[b], slot, 1);
            }
        }
    }

    private MemorySegment tensor(long base, int firstSlot, int slots) {
        return io.tensor(OrtIoSession.Placement.DEVICE, base + firstSlot * mover.slotBytes(),
                slots * mover.slotBytes(), new long[] {slots, shape.kvHeads(), shape.maxLength(), shape.headDim()},
                type.onnxCode());
    }

    /** Binds the cache view of a step: for a prefill chunk slot {@code index}, for a decode step slots 0..index. */
    void bind(OrtIoSession.Binding binding, IoNames names, StepPlan.Kind kind, int index) {
        MemorySegment[] views = kind == StepPlan.Kind.PREFILL ? single[index] : prefix[index];
        for (int b = 0; b < views.length; b++) {
            binding.input(names.past()[b], views[b]);
            binding.output(names.present()[b], views[b]);
        }
    }

    void move(int from, int to, int length) {
        mover.move(from, to, length);
    }

    void swap(int a, int b, int length) {
        mover.swap(a, b, length);
    }

    /** Bytes of the whole cache. */
    long bytes() {
        return mover.bufferBytes() * buffers.length;
    }

    @Override
    public void copy(int dst, long dstOffset, int src, long srcOffset, long width, long pitch, int rows) {
        if (scratch == 0 && (dst == KvSlotMover.SCRATCH || src == KvSlotMover.SCRATCH)) {
            scratch = memory.allocateCache(mover.slotBytes());
        }
        long to = (dst == KvSlotMover.SCRATCH ? scratch : buffers[dst]) + dstOffset;
        long from = (src == KvSlotMover.SCRATCH ? scratch : buffers[src]) + srcOffset;
        memory.copy2d(to, pitch, from, pitch, width, rows);
    }

    @Override
    public void fence() {
        memory.synchronize();
    }

    /** Releases the tensors (the memory belongs to the {@link KvMemory}). */
    void release() {
        for (int n = 0; n < prefix.length; n++) {
            for (MemorySegment t : prefix[n]) {
                io.release(t);
            }
            if (n > 0) {
                for (MemorySegment t : single[n]) {
                    io.release(t);
                }
            }
        }
    }
}
