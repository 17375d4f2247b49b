package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.bundle.GenaiConfig;
import org.medgo.inference.runtime.DecoderGraph;
import org.medgo.inference.runtime.DeviceSelection;

import java.lang.foreign.MemorySegment;

/**
 * The graph's input and output names as C strings, made once (every step binds some of them).
 *
 * @param positions null when the graph has no position ids
 * @param past      KV inputs by buffer number: {@code 2 * layer} keys, {@code 2 * layer + 1} values
 * @param present   KV outputs, numbered like {@code past}
 * @param selection {@code topk_values}, {@code topk_ids}; null when the graph has no
 *                  device-side selection
 */
record IoNames(MemorySegment ids, MemorySegment mask, MemorySegment positions, MemorySegment logits,
               MemorySegment[] past, MemorySegment[] present, MemorySegment[] selection) {

    static IoNames of(OrtIoSession io, GenaiConfig config, DeviceSelection selection) {
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
                present, selection.available() ? new MemorySegment[] {io.name(DecoderGraph.TOPK_VALUES),
                        io.name(DecoderGraph.TOPK_IDS)} : null);
    }
}
