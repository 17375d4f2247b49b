package org.medgo.inference.testing;

import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.ortjava.OrtJavaBackend;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;

/** One engine on the demo bundle for the whole test JVM (opening costs a second or two). */
public final class SharedEngine {
    private static InferenceEngine engine;

    private SharedEngine() {
    }

    public static synchronized InferenceEngine get() {
        if (engine == null) {
            engine = InferenceEngine.open(ModelBundle.open(TestBundles.demo()),
                    BackendOptions.defaults().withDevice(Device.CPU).withMaxBatch(4).withMaxLength(512).withPrefillChunk(16)
                            .withThreads(1), OrtJavaBackend.FACTORY);
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine;
    }
}
