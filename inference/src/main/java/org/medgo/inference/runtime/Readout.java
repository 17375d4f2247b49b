package org.medgo.inference.runtime;

/**
 * What the engine reads back of a row's last-token logits. A backend whose graph selects tokens on the device
 * ({@link DeviceSelection}) then copies only that; any backend may return more (the full row serves every readout).
 */
public enum Readout {
    /** The whole row: constrained decoding, penalties, sampling without top-k. */
    LOGITS,
    /** The k largest logits and their ids (top-k sampling with k at most the graph's): the rest are -Infinity. */
    TOP_K,
    /** Only the id of the largest logit (plain greedy decoding; from the device's top-k where it has one). */
    ARGMAX
}
