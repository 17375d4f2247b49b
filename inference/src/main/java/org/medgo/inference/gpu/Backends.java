package org.medgo.inference.gpu;

import org.medgo.inference.binding.OrtCallException;
import org.medgo.inference.runtime.BackendFactory;
import org.medgo.inference.runtime.Device;
import org.medgo.inference.ortjava.OrtJavaBackend;

import java.util.logging.Logger;

/** Backends by name, as configuration and the command line choose them. */
public final class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    /**
     * {@code auto}: the IoBinding backend when CUDA is usable (the ORT Java API would move the KV cache over PCIe
     * twice per token), else the Java-API backend on the CPU; with device {@code cpu} the Java-API one directly,
     * and with device {@code cuda} a missing GPU is an error, not a silent move to the CPU.
     */
    public static final BackendFactory AUTO = (bundle, options) -> {
        if (options.device() == Device.CPU) {
            return OrtJavaBackend.FACTORY.open(bundle, options);
        }
        try {
            return IoBindingBackend.FACTORY.open(bundle, options.withDevice(Device.CUDA));
        } catch (OrtCallException e) {
            if (options.device() == Device.CUDA) {
                throw e;
            }
            LOG.warning("no usable CUDA device (" + e.firstLine() + "); running the model on the CPU");
            return OrtJavaBackend.FACTORY.open(bundle, options.withDevice(Device.CPU));
        }
    };

    private Backends() {
    }

    /** {@code auto}, {@code iobinding} or {@code ort-java}. */
    public static BackendFactory named(String name) {
        return switch (name) {
            case "auto" -> AUTO;
            case "iobinding" -> IoBindingBackend.FACTORY;
            case "ort-java" -> OrtJavaBackend.FACTORY;
            default -> throw new IllegalArgumentException("backend must be auto, iobinding or ort-java, not " + name);
        };
    }
}
