package org.medgo.inference.runtime;

/**
 * How to open a backend.
 *
 * @param device       where the model runs
 * @param deviceId     CUDA device ordinal
 * @param gpuMemLimit  bytes the CUDA arena may take, 0 = provider default
 * @param threads      intra-op threads for CPU, 0 = runtime default
 * @param maxBatch     KV cache slots (concurrent sequences)
 * @param maxLength    tokens per slot, 0 = the bundle's context length
 * @param prefillChunk tokens per prefill step
 * @param cudaGraph    on CUDA, replay decode steps as captured CUDA graphs where the backend and ORT allow it
 *                     (one CPU launch per step instead of one per kernel)
 * @param int4GemmFrom on CUDA with 4-bit weights, decode steps of this many rows or more run on a second session
 *                     whose MatMulNBits use ORT's CUTLASS kernels (faster from a few rows up, slower for one;
 *                     costs a second copy of the weights); 0 = off
 */
public record BackendOptions(Device device, int deviceId, long gpuMemLimit, int threads, int maxBatch, int maxLength,
                             int prefillChunk, boolean cudaGraph, int int4GemmFrom) {

    public BackendOptions {
        java.util.Objects.requireNonNull(device, "device");
        if (maxBatch <= 0 || maxBatch > 1024) {
            throw new IllegalArgumentException("maxBatch must be 1..1024, not " + maxBatch);
        }
        if (maxLength < 0 || prefillChunk <= 0 || threads < 0 || gpuMemLimit < 0 || deviceId < 0 || int4GemmFrom < 0) {
            throw new IllegalArgumentException("bad backend options");
        }
    }

    /**
     * CUDA when available, 8 slots of 8,192 tokens (capped by the model's context), 256-token prefill chunks.
     * The KV cache is preallocated for all slots, so the length is capped rather than the model's full
     * context (Qwen3-32B: 40,960 tokens × 8 slots would need ~86 GB in fp16).
     */
    public static BackendOptions defaults() {
        return new BackendOptions(Device.AUTO, 0, 0, 0, 8, 8192, 256, true, 0);
    }

    public BackendOptions withMaxBatch(int n) {
        return new BackendOptions(device, deviceId, gpuMemLimit, threads, n, maxLength, prefillChunk, cudaGraph,
                int4GemmFrom);
    }

    public BackendOptions withMaxLength(int n) {
        return new BackendOptions(device, deviceId, gpuMemLimit, threads, maxBatch, n, prefillChunk, cudaGraph,
                int4GemmFrom);
    }

    public BackendOptions withDevice(Device d) {
        return new BackendOptions(d, deviceId, gpuMemLimit, threads, maxBatch, maxLength, prefillChunk, cudaGraph,
                int4GemmFrom);
    }

    public BackendOptions withPrefillChunk(int n) {
        return new BackendOptions(device, deviceId, gpuMemLimit, threads, maxBatch, maxLength, n, cudaGraph,
                int4GemmFrom);
    }

    public BackendOptions withCudaGraph(boolean on) {
        return new BackendOptions(device, deviceId, gpuMemLimit, threads, maxBatch, maxLength, prefillChunk, on,
                int4GemmFrom);
    }

    public BackendOptions withInt4GemmFrom(int rows) {
        return new BackendOptions(device, deviceId, gpuMemLimit, threads, maxBatch, maxLength, prefillChunk, cudaGraph,
                rows);
    }

    public BackendOptions withThreads(int n) {
        return new BackendOptions(device, deviceId, gpuMemLimit, n, maxBatch, maxLength, prefillChunk, cudaGraph,
                int4GemmFrom);
    }
}
