package org.medgo.inference.runtime;

import org.medgo.inference.bundle.ModelBundle;

/** Opens a {@link DecoderBackend} for a loaded bundle; the engine takes one of these so GPU backends plug in. */
@FunctionalInterface
public interface BackendFactory {
    DecoderBackend open(ModelBundle bundle, BackendOptions options);
}
