package org.medgo.inference.runtime;

/**
 * Moves and swaps of sequences between KV cache slots, for a cache laid out as one key and one value buffer per
 * layer, each {@code [maxBatch, kvHeads, maxLength, headDim]}. A slot's heads hold {@code maxLength} positions of
 * which only the first {@code length} are live, so a move copies {@code kvHeads} rows of that many bytes per buffer.
 * Backends supply the copy (host buffers, device memory); the geometry and the checks are here once.
 */
public final class KvSlotMover {

    /** The buffer a swap parks one slot in. */
    public static final int SCRATCH = -1;

    /** Copies in a backend's cache memory. Buffers are numbered {@code 2 * layer} (keys), {@code 2 * layer + 1} (values). */
    public interface Copier {

        /**
         * {@code rows} rows of {@code width} bytes, {@code pitch} apart on both sides, from buffer {@code src} at
         * {@code srcOffset} to buffer {@code dst} at {@code dstOffset}; {@link #SCRATCH} is a buffer of one slot.
         */
        void copy(int dst, long dstOffset, int src, long srcOffset, long width, long pitch, int rows);

        /** Called before and after a move: waits for the device where copies are asynchronous. */
        default void fence() {
        }
    }

    private final DecoderShape shape;
    private final long headBytes;
    private final long slotBytes;
    private final int elementBytes;
    private final Copier copier;

    public KvSlotMover(DecoderShape shape, int elementBytes, Copier copier) {
        this.shape = shape;
        this.elementBytes = elementBytes;
        this.headBytes = (long) shape.maxLength() * shape.headDim() * elementBytes;
        this.slotBytes = headBytes * shape.kvHeads();
        this.copier = copier;
    }

    /** Bytes of one slot in one buffer. */
    public long slotBytes() {
        return slotBytes;
    }

    /** Bytes of one buffer (all slots). */
    public long bufferBytes() {
        return slotBytes * shape.maxBatch();
    }

    /** Copies the first {@code length} positions of slot {@code from} to slot {@code to}. */
    public void move(int from, int to, int length) {
        if (from == to || length == 0) {
            return;
        }
        check(from, to, length);
        long live = (long) length * shape.headDim() * elementBytes;
        copier.fence();
        for (int buffer = 0; buffer < 2 * shape.layers(); buffer++) {
            copier.copy(buffer, to * slotBytes, buffer, from * slotBytes, live, headBytes, shape.kvHeads());
        }
        copier.fence();
    }

    /** Exchanges the first {@code length} positions of slots {@code a} and {@code b}. */
    public void swap(int a, int b, int length) {
        if (a == b || length == 0) {
            return;
        }
        check(a, b, length);
        long live = (long) length * shape.headDim() * elementBytes;
        int heads = shape.kvHeads();
        copier.fence();
        for (int buffer = 0; buffer < 2 * shape.layers(); buffer++) {
            copier.copy(SCRATCH, 0, buffer, a * slotBytes, live, headBytes, heads);
            copier.copy(buffer, a * slotBytes, buffer, b * slotBytes, live, headBytes, heads);
            copier.copy(buffer, b * slotBytes, SCRATCH, 0, live, headBytes, heads);
        }
        copier.fence();
    }

    private void check(int a, int b, int length) {
        if (a < 0 || b < 0 || a >= shape.maxBatch() || b >= shape.maxBatch() || length < 0
                || length > shape.maxLength()) {
            throw new IllegalArgumentException("bad slot copy " + a + " / " + b + " of " + length);
        }
    }
}
