package org.medgo.inference.binding;

import org.medgo.inference.runtime.Device;

import java.util.Objects;

/**
 * How to open an {@link OrtIoSession}: {@code SessionSpec.on(Device.CUDA, 0).threads(4).withCudaGraphs()}.
 *
 * @param device      {@link Device#AUTO} opens on CUDA when its provider loads, else on the CPU
 * @param deviceId    CUDA device ordinal
 * @param gpuMemLimit bytes for ORT's CUDA arena (weights and activations; the KV cache is the caller's), 0 = default
 * @param threads     CPU intra-op threads, 0 = default
 * @param graphs      whether to ask the CUDA provider for graph capture
 * @param int4Kernels which kernels 4-bit {@code MatMulNBits} use on CUDA
 */
public record SessionSpec(Device device, int deviceId, long gpuMemLimit, int threads, GraphCapture graphs,
                          Int4Kernels int4Kernels) {

    /**
     * CUDA graph capture ({@code enable_cuda_graph}). When the session cannot have it (ORT refuses graphs with Memcpy
     * nodes or nodes on other providers) it opens without, and {@link OrtIoSession#cudaGraph()} says so.
     */
    public enum GraphCapture { OFF, WHERE_SUPPORTED }

    /**
     * {@code CUTLASS}: ORT's weight-only fpA_intB kernels, faster from a few rows up and slower for one; ORT switches
     * them per session, through the session config and the {@code ORT_FPA_INTB_GEMM} variable it reads when it
     * creates the kernels.
     */
    public enum Int4Kernels { DEFAULT, CUTLASS }

    public SessionSpec {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(graphs, "graphs");
        Objects.requireNonNull(int4Kernels, "int4Kernels");
    }

    /** Default threads and arena, no graphs, default kernels. */
    public static SessionSpec on(Device device, int deviceId) {
        return new SessionSpec(device, deviceId, 0, 0, GraphCapture.OFF, Int4Kernels.DEFAULT);
    }

    public SessionSpec gpuMemLimit(long bytes) {
        return new SessionSpec(device, deviceId, bytes, threads, graphs, int4Kernels);
    }

    public SessionSpec threads(int n) {
        return new SessionSpec(device, deviceId, gpuMemLimit, n, graphs, int4Kernels);
    }

    public SessionSpec graphs(GraphCapture capture) {
        return new SessionSpec(device, deviceId, gpuMemLimit, threads, capture, int4Kernels);
    }

    public SessionSpec withCudaGraphs() {
        return graphs(GraphCapture.WHERE_SUPPORTED);
    }

    public SessionSpec withCutlassInt4() {
        return new SessionSpec(device, deviceId, gpuMemLimit, threads, graphs, Int4Kernels.CUTLASS);
    }

    /** The same session settings on another device. */
    public SessionSpec on(Device other) {
        return new SessionSpec(other, deviceId, gpuMemLimit, threads, graphs, int4Kernels);
    }
}
