package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtIoSession;
import org.medgo.inference.runtime.StepPlan;

/**
 * One IoBinding per cache view a step binds (each prefill slot, each decode width), made at first use with the
 * cache bound once; a step rebinds only its inputs and logits. Decode bindings made for fixed buffers also hold
 * those.
 */
final class StepBindings implements AutoCloseable {

    private final StepSessions sessions;
    private final KvSlots cache;
    private final IoNames names;
    private final OrtIoSession.Binding[] prefill;
    private final OrtIoSession.Binding[] decode;

    StepBindings(StepSessions sessions, KvSlots cache, IoNames names, int maxBatch) {
        this.sessions = sessions;
        this.cache = cache;
        this.names = names;
        this.prefill = new OrtIoSession.Binding[maxBatch];
        this.decode = new OrtIoSession.Binding[maxBatch];
    }

    IoNames names() {
        return names;
    }

    /**
     * The binding of a prefill chunk in slot {@code index} or a decode step of {@code index + 1} rows; a new decode
     * binding binds {@code fixed} too when it is not null.
     */
    OrtIoSession.Binding get(StepPlan.Kind kind, int index, FixedDecodeBuffers fixed) {
        OrtIoSession.Binding[] bound = kind == StepPlan.Kind.PREFILL ? prefill : decode;
        OrtIoSession.Binding b = bound[index];
        if (b == null) {
            b = sessions.sessionFor(kind, index + 1).binding();
            if (fixed != null) {
                fixed.bind(b, names, index + 1);
            }
            cache.bind(b, names, kind, index);
            bound[index] = b;
        }
        return b;
    }

    /** Forgets the decode bindings (they are rebuilt over host inputs when decoding leaves the fixed buffers). */
    void dropDecode() {
        for (int i = 0; i < decode.length; i++) {
            if (decode[i] != null) {
                decode[i].close();
                decode[i] = null;
            }
        }
    }

    @Override
    public void close() {
        dropDecode();
        for (OrtIoSession.Binding b : prefill) {
            if (b != null) {
                b.close();
            }
        }
    }
}
