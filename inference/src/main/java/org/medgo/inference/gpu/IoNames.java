package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.bundle.GenaiConfig;

import java.lang.foreign.MemorySegment;

/**
 * The graph's input and output names as C strings, made once (every step binds some of them).
 *
 * @param positions null when the graph has no position ids
 * @param past      KV inputs by buffer number: {@code 2 * layer} keys, {@code 2 * layer + 1} values
 * @param present   KV outputs, numbered like {@code past}
 */
record IoNames(MemorySegment ids, MemorySegment mask, MemorySegment positions, MemorySegment logits,
               MemorySegment[] past, MemorySegment[] present) {

    static IoNames of(OrtIoSession io, GenaiConfig config) {
        MemorySegment[] past = new MemorySegment[2 * config.layers()];
        MemorySegment[] present = new MemorySegment[past.length];
        for (int l = 0; l < config.layers(); l++) {
            past[2 * l] = io.name(config.pastKey(l));
            past[2 * l + 1] = io.name(config.pastValue(l));
            present[2 * l] = io.name(config.presentKey(l));
            present[2 * l + 1] = io.name(config.presentValue(l));
        }
        return new IoNames(io.name(config.inputIds()), io.name(config.attentionMask()),
                config.positionIds() == null ? null : io.name(config.positionIds()), io.name(config.logits()), past,
                present);
    }
}
