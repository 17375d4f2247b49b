package org.medgo.gateway.operations.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.medgo.inference.runtime.BackendOptions;
import org.medgo.inference.runtime.Device;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway runs the model ({@code medgo.inference.*}).
 *
 * @param device        {@code auto} (CUDA when its provider loads, else CPU), {@code cuda} (fail without it) or
 *                      {@code cpu}
 * @param backend       {@code auto}: on CUDA the IoBinding backend (KV cache stays in GPU memory, CUDA graphs),
 *                      on CPU the ORT Java-API one; or {@code iobinding} / {@code ort-java}; {@code openai}: no local
 *                      model, the remote tier of {@link RemoteInferenceProperties}
 * @param deviceId      CUDA device ordinal
 * @param gpuMemLimit   bytes ORT's CUDA arena may take (weights and activations; the KV cache is separate), 0 = ORT's
 *                      default
 * @param maxBatch      sequences decoded together (KV cache slots): how many clinicians' requests run at once
 * @param maxLength     tokens per sequence (prompt + answer); the KV cache is preallocated for maxBatch x maxLength
 * @param prefillChunk  prompt tokens per prefill step, so a long record does not stall the others' decoding
 * @param cudaGraph     replay decode steps as CUDA graphs (IoBinding backend)
 * @param int4GemmFrom  4-bit bundles on CUDA: decode steps of this many rows or more on a second session with ORT's
 *                      CUTLASS int4 kernels (a second copy of the weights); 0 = off
 */
@Validated
@ConfigurationProperties("medgo.inference")
public record InferenceProperties(
        Device device,
        @Pattern(regexp = "auto|iobinding|ort-java|openai") String backend,
        @Min(0) Integer deviceId,
        @Min(0) Long gpuMemLimit,
        @Min(1) @Max(1024) Integer maxBatch,
        @Min(64) @Max(131_072) Integer maxLength,
        @Min(1) @Max(16_384) Integer prefillChunk,
        Boolean cudaGraph,
        @Min(0) @Max(1024) Integer int4GemmFrom) {

    public InferenceProperties {
        BackendOptions d = BackendOptions.defaults();
        device = device == null ? d.device() : device;
        backend = backend == null ? "auto" : backend;
        deviceId = deviceId == null ? d.deviceId() : deviceId;
        gpuMemLimit = gpuMemLimit == null ? d.gpuMemLimit() : gpuMemLimit;
        maxBatch = maxBatch == null ? d.maxBatch() : maxBatch;
        maxLength = maxLength == null ? d.maxLength() : maxLength;
        prefillChunk = prefillChunk == null ? d.prefillChunk() : prefillChunk;
        cudaGraph = cudaGraph == null ? d.cudaGraph() : cudaGraph;
        int4GemmFrom = int4GemmFrom == null ? d.int4GemmFrom() : int4GemmFrom;
    }

    BackendOptions options() {
        return new BackendOptions(device, deviceId, gpuMemLimit, 0, maxBatch, maxLength, prefillChunk, cudaGraph,
                int4GemmFrom);
    }
}
