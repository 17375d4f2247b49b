package org.medgo.gateway.operations.model;

import org.medgo.inference.generation.Generator;
import org.medgo.inference.remote.OpenAiEndpoint;
import org.medgo.inference.remote.RemoteGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code MEDGO_INFERENCE_BACKEND=openai}: no model is loaded; the inference queue's generator sends the
 * (already de-identified) prompts to an OpenAI-compatible tier, at most {@code MEDGO_INFERENCE_MAX_BATCH} at a
 * time. The model identity in Device/Provenance is the served name and the configured bundle hash.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "medgo.inference.backend", havingValue = "openai")
class RemoteModelConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RemoteModelConfiguration.class);

    @Bean(destroyMethod = "close")
    Generator remoteGenerator(RemoteInferenceProperties remote, InferenceProperties local) {
        String missing = remote.missing();
        if (missing != null) {
            throw new IllegalStateException("MEDGO_INFERENCE_BACKEND=openai needs " + missing);
        }
        log.info("inference: remote tier {} (model {}), {} requests at a time", remote.url(), remote.model(), local.maxBatch());
        return new RemoteGenerator(new OpenAiEndpoint(remote.url(), remote.token(), remote.timeout()), remote.model(),
                remote.guidedJson(), local.maxBatch(), local.maxLength(), remote.retries());
    }

    @Bean
    ModelIdentity modelIdentity(RemoteInferenceProperties remote) {
        return new ModelIdentity(remote.model() + " (remote tier)", "sha256:" + remote.modelSha256().substring(0, 12),
                remote.modelSha256(), false);
    }
}
