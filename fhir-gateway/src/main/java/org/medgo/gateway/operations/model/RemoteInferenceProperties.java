package org.medgo.gateway.operations.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The remote inference tier ({@code medgo.inference.remote.*}, used with {@code MEDGO_INFERENCE_BACKEND=openai}).
 *
 * @param url         the OpenAI-compatible API root ({@code MEDGO_INFERENCE_URL}), e.g. {@code http://vllm:8000/v1}
 * @param token       its bearer token ({@code MEDGO_INFERENCE_TOKEN}), or empty
 * @param model       the served model name ({@code MEDGO_INFERENCE_MODEL}, vLLM's {@code --served-model-name})
 * @param modelSha256 SHA-256 of the bundle the tier serves ({@code MEDGO_INFERENCE_MODEL_SHA256}): the model identity
 *                    in Device/Provenance, since the gateway cannot hash weights it does not hold
 * @param timeout     for the tier to start answering a request
 * @param retries     further tries when the tier is busy (429/5xx) or unreachable, before any text has come
 * @param guidedJson  send JSON Schemas as vLLM's {@code guided_json} instead of OpenAI's {@code response_format}
 */
@Validated
@ConfigurationProperties("medgo.inference.remote")
public record RemoteInferenceProperties(
        URI url,
        String token,
        @Pattern(regexp = "|[A-Za-z0-9][A-Za-z0-9._/:-]{0,127}") String model,
        @Pattern(regexp = "|[0-9a-f]{64}") String modelSha256,
        Duration timeout,
        @Min(0) @Max(10) Integer retries,
        Boolean guidedJson) {

    public RemoteInferenceProperties {
        token = token == null ? "" : token;
        model = model == null ? "" : model;
        modelSha256 = modelSha256 == null ? "" : modelSha256;
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        retries = retries == null ? 2 : retries;
        guidedJson = guidedJson != null && guidedJson;
    }

    /** What is missing for the remote tier to start, or null. */
    String missing() {
        if (url == null || url.toString().isBlank()) return "MEDGO_INFERENCE_URL (the OpenAI-compatible API root)";
        if (model.isBlank()) return "MEDGO_INFERENCE_MODEL (the served model name)";
        if (modelSha256.isBlank()) return "MEDGO_INFERENCE_MODEL_SHA256 (the served bundle's SHA-256, for Device/Provenance)";
        return null;
    }
}
