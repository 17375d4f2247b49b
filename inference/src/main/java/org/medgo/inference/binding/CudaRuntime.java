package org.medgo.inference.binding;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few CUDA runtime calls the GPU backend makes itself (device buffers for the KV cache and the CUDA-graph
 * inputs, pinned host memory for logits, copies between them, and device-to-device copies when the scheduler
 * moves a sequence between KV slots). It binds the same {@code libcudart.so.12} that ONNX Runtime's CUDA provider
 * loads, so both work on the same primary context.
 */
public final class CudaRuntime {

    /** cudaMemcpyDefault: the direction follows from the addresses (unified virtual addressing). */
    private static final int MEMCPY_DEFAULT = 4;

    private final MethodHandle setDevice;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle mallocHost;
    private final MethodHandle freeHost;
    private final MethodHandle memcpy2d;
    private final MethodHandle synchronize;
    private final MethodHandle errorString;
    private final MethodHandle memset;

    private CudaRuntime(SymbolLookup lib) {
        Linker l = Linker.nativeLinker();
        setDevice = l.downcallHandle(find(lib, "cudaSetDevice"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        malloc = l.downcallHandle(find(lib, "cudaMalloc"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        free = l.downcallHandle(find(lib, "cudaFree"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        mallocHost = l.downcallHandle(find(lib, "cudaMallocHost"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        freeHost = l.downcallHandle(find(lib, "cudaFreeHost"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        memcpy2d = l.downcallHandle(find(lib, "cudaMemcpy2D"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT));
        synchronize = l.downcallHandle(find(lib, "cudaDeviceSynchronize"), FunctionDescriptor.of(JAVA_INT));
        memset = l.downcallHandle(find(lib, "cudaMemset"), FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
                JAVA_LONG));
        errorString = l.downcallHandle(find(lib, "cudaGetErrorString"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    private static MemorySegment find(SymbolLookup lib, String name) {
        return lib.find(name).orElseThrow(() -> new OrtCallException(-1, "libcudart has no " + name));
    }

    /** Loads {@code libcudart.so.12} from the library path (the one ORT's CUDA provider uses). */
    public static CudaRuntime load() {
        try {
            return new CudaRuntime(SymbolLookup.libraryLookup("libcudart.so.12", Arena.global()));
        } catch (IllegalArgumentException e) {
            throw new OrtCallException(-1, "libcudart.so.12 is not on the library path: " + e.getMessage());
        }
    }

    private void check(int err, String what) {
        if (err != 0) {
            String msg;
            try {
                msg = ((MemorySegment) errorString.invokeExact(err)).reinterpret(256).getString(0);
            } catch (Throwable t) {
                msg = "error " + err;
            }
            throw new OrtCallException(-1, what + " failed: " + msg + " (cudaError " + err + ")");
        }
    }

    public void setDevice(int device) {
        try {
            check((int) setDevice.invokeExact(device), "cudaSetDevice");
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, "cudaSetDevice: " + t);
        }
    }

    /** Device memory; returns its address. */
    public long malloc(long bytes) {
        return alloc(malloc, bytes, "cudaMalloc");
    }

    /** Page-locked host memory (fast device-to-host copies); returns its address. */
    public long mallocHost(long bytes) {
        return alloc(mallocHost, bytes, "cudaMallocHost");
    }

    private long alloc(MethodHandle h, long bytes, String what) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check((int) h.invokeExact(out, bytes), what + " of " + bytes + " bytes");
            return out.get(ADDRESS, 0).address();
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, what + ": " + t);
        }
    }

    public void free(long address) {
        call(free, address, "cudaFree");
    }

    public void freeHost(long address) {
        call(freeHost, address, "cudaFreeHost");
    }

    private void call(MethodHandle h, long address, String what) {
        if (address == 0) {
            return;
        }
        try {
            check((int) h.invokeExact(MemorySegment.ofAddress(address)), what);
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, what + ": " + t);
        }
    }

    /**
     * {@code height} rows of {@code width} bytes with the given row pitches, between any two of device memory and
     * pinned host memory; returns when the copy is done.
     */
    public void copy2d(long dst, long dstPitch, long src, long srcPitch, long width, long height) {
        try {
            check((int) memcpy2d.invokeExact(MemorySegment.ofAddress(dst), dstPitch, MemorySegment.ofAddress(src),
                    srcPitch, width, height, MEMCPY_DEFAULT), "cudaMemcpy2D");
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, "cudaMemcpy2D: " + t);
        }
    }

    /** Fills {@code bytes} of device memory with zeros. */
    public void zero(long address, long bytes) {
        try {
            check((int) memset.invokeExact(MemorySegment.ofAddress(address), 0, bytes), "cudaMemset");
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, "cudaMemset: " + t);
        }
    }

    public void synchronize() {
        try {
            check((int) synchronize.invokeExact(), "cudaDeviceSynchronize");
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, "cudaDeviceSynchronize: " + t);
        }
    }
}
