package org.medgo.inference.gpu;

import org.medgo.inference.binding.CudaRuntime;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the KV cache and the host staging buffers live: device memory plus pinned host memory on CUDA, plain
 * host memory on the CPU provider. Copies between KV slots stay inside this memory.
 */
sealed interface KvMemory extends AutoCloseable {

    /** Zeroed memory for the cache (device memory on CUDA); returns its address. */
    long allocateCache(long bytes);

    /** Host memory the runtime reads inputs from and writes logits to (pinned on CUDA). */
    MemorySegment allocateHost(long bytes);

    /**
     * {@code height} rows of {@code width} bytes from {@code src} to {@code dst}, with row pitches; either side may
     * be cache or host memory of this object.
     */
    void copy2d(long dst, long dstPitch, long src, long srcPitch, long width, long height);

    /** Waits for the device (no-op on CPU): before and after copies that the next run depends on. */
    void synchronize();

    @Override
    void close();

    static KvMemory host() {
        return new Host(Arena.ofShared());
    }

    static KvMemory cuda(CudaRuntime cuda, int deviceId) {
        cuda.setDevice(deviceId);
        return new Cuda(cuda, deviceId, new ArrayList<>(), new ArrayList<>());
    }

    record Host(Arena arena) implements KvMemory {
        @Override
        public long allocateCache(long bytes) {
            return arena.allocate(bytes, 256).address();
        }

        @Override
        public MemorySegment allocateHost(long bytes) {
            return arena.allocate(bytes, 256);
        }

        @Override
        public void copy2d(long dst, long dstPitch, long src, long srcPitch, long width, long height) {
            for (long r = 0; r < height; r++) {
                MemorySegment.copy(MemorySegment.ofAddress(src + r * srcPitch).reinterpret(width), 0,
                        MemorySegment.ofAddress(dst + r * dstPitch).reinterpret(width), 0, width);
            }
        }

        @Override
        public void synchronize() {
        }

        @Override
        public void close() {
            arena.close();
        }
    }

    /**
     * The scheduler thread that runs steps is not the thread that opened the backend, and the CUDA runtime's current
     * device is per thread: synchronizing selects the device first, or it would wait on device 0.
     */
    record Cuda(CudaRuntime cuda, int deviceId, List<Long> device, List<Long> pinned) implements KvMemory {
        @Override
        public long allocateCache(long bytes) {
            long p = cuda.malloc(bytes);
            device.add(p);
            cuda.zero(p, bytes);
            return p;
        }

        @Override
        public MemorySegment allocateHost(long bytes) {
            long p = cuda.mallocHost(bytes);
            pinned.add(p);
            return MemorySegment.ofAddress(p).reinterpret(bytes).fill((byte) 0);
        }

        @Override
        public void copy2d(long dst, long dstPitch, long src, long srcPitch, long width, long height) {
            cuda.copy2d(dst, dstPitch, src, srcPitch, width, height);
        }

        @Override
        public void synchronize() {
            cuda.setDevice(deviceId);
            cuda.synchronize();
        }

        @Override
        public void close() {
            synchronize();
            device.forEach(cuda::free);
            pinned.forEach(cuda::freeHost);
            device.clear();
            pinned.clear();
        }
    }
}
