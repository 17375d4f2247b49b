package org.medgo.gateway.operations.model;

import java.nio.file.Path;
import org.medgo.inference.bundle.DemoBundle;
import org.medgo.inference.bundle.ModelBundle;
import org.medgo.inference.generation.InferenceEngine;
import org.medgo.inference.gpu.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model: {@code MEDGO_MODEL_DIR}, else the demo bundle (meaningless text, loud warning). Not with
 * {@code MEDGO_INFERENCE_BACKEND=openai}, where {@link RemoteModelConfiguration} provides the generator.
 */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.autoconfigure.condition.ConditionalOnExpression("'${medgo.inference.backend:auto}' != 'openai'")
class ModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ModelConfiguration.class);

    @Bean
    ModelBundle modelBundle() {
        return DemoBundle.resolve(null);
    }

    @Bean(destroyMethod = "close")
    InferenceEngine inferenceEngine(ModelBundle bundle, InferenceProperties properties) {
        // On a thread with a large stack: loading the native (Rust) tokenizer on the JVM main thread's 1 MiB
        // stack crashed the whole JVM with SIGSEGV when started as a child process (reproduced with the
        // test classpath); a 64 MiB stack does not.
        java.util.concurrent.atomic.AtomicReference<Object> out = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(open(bundle, properties));
            } catch (RuntimeException | Error e) {
                out.set(e);
            }
        }, "model-load", 64L << 20);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the model", e);
        }
        if (out.get() instanceof RuntimeException e) throw e;
        if (out.get() instanceof Error e) throw e;
        return (InferenceEngine) out.get();
    }

    static InferenceEngine open(ModelBundle bundle, InferenceProperties properties) {
        return InferenceEngine.open(bundle, properties.options(), Backends.named(properties.backend()));
    }

    @Bean
    ModelIdentity modelIdentity(ModelBundle bundle) {
        Path dir = bundle.dir();
        String hash = BundleHash.of(dir);
        String name = bundle.demo() ? "MedGo demo model (random weights)" : "MedGo " + dir.getFileName();
        if (bundle.demo()) {
            log.warn("MEDGO_MODEL_DIR is not set: serving the DEMO model; its output is meaningless text");
        }
        return new ModelIdentity(name, "sha256:" + hash.substring(0, 12), hash, bundle.demo());
    }
}
