package org.medgo.inference.binding;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.medgo.inference.binding.OrtApiIndex.*;

/**
 * ONNX Runtime's C API ({@code OrtApi}) reached through Java's Foreign Function &amp; Memory API, on the very
 * {@code libonnxruntime.so} that ORT's Java classes loaded (so both share one runtime and one environment).
 *
 * <p>{@code OrtApi} is a struct of function pointers that only ever grows at its end, so a function's index
 * is fixed across releases ({@link OrtApiIndex}); the table is requested at {@link #API_VERSION}.
 *
 * <p>Every call that returns an {@code OrtStatus*} goes through {@link #check}: a non-null status becomes an
 * {@link OrtCallException} carrying ORT's error code and message, and the status is released.
 */
public final class OrtApi {

    /** The table version requested from {@code OrtGetApiBase()->GetApi}; 1.29 serves up to 29. */
    public static final int API_VERSION = 16;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor STATUS_1 = FunctionDescriptor.of(ADDRESS, ADDRESS);
    private static final FunctionDescriptor STATUS_2 = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor STATUS_3 = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor STATUS_4 = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS,
            ADDRESS);
    private static final FunctionDescriptor VOID_1 = FunctionDescriptor.ofVoid(ADDRESS);

    private static volatile OrtApi instance;

    private final Path library;
    private final String version;
    private final MemorySegment api;
    private final MethodHandle[] handles = new MethodHandle[256];

    private OrtApi(Path library) {
        this.library = library;
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MemorySegment getApiBase = lookup.find("OrtGetApiBase").orElseThrow(
                () -> new OrtCallException(-1, library + " has no OrtGetApiBase: not an ONNX Runtime library"));
        try {
            MemorySegment base = ((MemorySegment) LINKER.downcallHandle(getApiBase, FunctionDescriptor.of(ADDRESS))
                    .invokeExact()).reinterpret(2 * ADDRESS.byteSize());
            MemorySegment getApi = base.get(ADDRESS, 0);
            MemorySegment getVersion = base.get(ADDRESS, ADDRESS.byteSize());
            MemorySegment v = (MemorySegment) LINKER.downcallHandle(getVersion, FunctionDescriptor.of(ADDRESS))
                    .invokeExact();
            this.version = v.reinterpret(64).getString(0);
            MemorySegment table = (MemorySegment) LINKER.downcallHandle(getApi,
                    FunctionDescriptor.of(ADDRESS, JAVA_INT)).invokeExact(API_VERSION);
            if (table.address() == 0) {
                throw new OrtCallException(-1, "ONNX Runtime " + version + " at " + library
                        + " does not serve C API version " + API_VERSION);
            }
            this.api = table.reinterpret(handles.length * ADDRESS.byteSize());
        } catch (OrtCallException e) {
            throw e;
        } catch (Throwable t) {
            throw new OrtCallException(-1, "cannot reach the ONNX Runtime C API in " + library + ": " + t);
        }
    }

    /**
     * The C API of the ONNX Runtime library that ORT's Java classes use in this process. Loads those classes'
     * natives first (so {@code onnxruntime.native.path} and the jar's own extraction are honoured), then finds
     * the loaded file in the process's memory map.
     */
    public static OrtApi get() {
        OrtApi a = instance;
        if (a == null) {
            synchronized (OrtApi.class) {
                a = instance;
                if (a == null) {
                    ai.onnxruntime.OrtEnvironment.getEnvironment();
                    a = new OrtApi(loadedLibrary());
                    instance = a;
                }
            }
        }
        return a;
    }

    static Path loadedLibrary() {
        try {
            List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"));
            for (String line : maps) {
                int slash = line.indexOf('/');
                if (slash < 0) {
                    continue;
                }
                Path p = Path.of(line.substring(slash).trim());
                String name = p.getFileName().toString();
                if (name.equals("libonnxruntime.so") || name.startsWith("libonnxruntime.so.")) {
                    return p;
                }
            }
        } catch (IOException e) {
            throw new OrtCallException(-1, "cannot read /proc/self/maps to find libonnxruntime.so: " + e.getMessage());
        }
        String dir = System.getProperty("onnxruntime.native.path");
        if (dir != null && Files.isRegularFile(Path.of(dir, "libonnxruntime.so"))) {
            return Path.of(dir, "libonnxruntime.so");
        }
        throw new OrtCallException(-1, "ONNX Runtime's Java classes loaded no libonnxruntime.so that this process"
                + " can find (Linux only); set -Donnxruntime.native.path");
    }

    public Path library() {
        return library;
    }

    /** The runtime's version string, e.g. {@code 1.29.0}. */
    public String version() {
        return version;
    }

    MethodHandle handle(int index, FunctionDescriptor descriptor) {
        MethodHandle h = handles[index];
        if (h == null) {
            MemorySegment fn = api.get(ADDRESS, index * ADDRESS.byteSize());
            if (fn.address() == 0) {
                throw new OrtCallException(-1, "OrtApi function #" + index + " is missing in ONNX Runtime " + version);
            }
            h = LINKER.downcallHandle(fn, descriptor);
            handles[index] = h;
        }
        return h;
    }

    /** Turns a returned {@code OrtStatus*} into an exception (and releases it); null means success. */
    void check(MemorySegment status, String what) {
        if (status.address() == 0) {
            return;
        }
        int code;
        String message;
        try {
            code = (int) handle(GET_ERROR_CODE, FunctionDescriptor.of(JAVA_INT, ADDRESS)).invokeExact(status);
            MemorySegment msg = (MemorySegment) handle(GET_ERROR_MESSAGE, STATUS_1).invokeExact(status);
            message = msg.reinterpret(Integer.MAX_VALUE).getString(0);
            handle(RELEASE_STATUS, VOID_1).invokeExact(status);
        } catch (Throwable t) {
            throw new OrtCallException(-1, what + " failed, and its status could not be read: " + t);
        }
        throw new OrtCallException(code, what + ": " + message);
    }

    static RuntimeException rethrow(Throwable t, String what) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new OrtCallException(-1, what + ": " + t);
    }

    /** Calls a function taking only pointers and returning a status. */
    void call(int index, String what, MemorySegment... args) {
        MemorySegment status;
        try {
            status = switch (args.length) {
                case 1 -> (MemorySegment) handle(index, STATUS_1).invokeExact(args[0]);
                case 2 -> (MemorySegment) handle(index, STATUS_2).invokeExact(args[0], args[1]);
                case 3 -> (MemorySegment) handle(index, STATUS_3).invokeExact(args[0], args[1], args[2]);
                case 4 -> (MemorySegment) handle(index, STATUS_4).invokeExact(args[0], args[1], args[2], args[3]);
                default -> throw new IllegalArgumentException("arity " + args.length);
            };
        } catch (Throwable t) {
            throw rethrow(t, what);
        }
        check(status, what);
    }

    /** Calls a {@code Release*} function (void, one pointer); null is ignored. */
    void release(int index, MemorySegment p) {
        if (p == null || p.address() == 0) {
            return;
        }
        try {
            handle(index, VOID_1).invokeExact(p);
        } catch (Throwable t) {
            throw rethrow(t, "release #" + index);
        }
    }

    // ---- typed wrappers used by the binding classes ----

    /**
     * @param logLevel ORT's severity threshold: 0 verbose, 1 info (node placement, Memcpy insertion, CUDA graph
     *                 capture), 2 warning, 3 error
     */
    MemorySegment createEnv(Arena arena, String logId, int logLevel) {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment status;
        try {
            status = (MemorySegment) handle(CREATE_ENV, FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS))
                    .invokeExact(logLevel, arena.allocateFrom(logId), out);
        } catch (Throwable t) {
            throw rethrow(t, "CreateEnv");
        }
        check(status, "CreateEnv");
        return out.get(ADDRESS, 0);
    }

    MemorySegment createSessionOptions(Arena arena) {
        MemorySegment out = arena.allocate(ADDRESS);
        call(CREATE_SESSION_OPTIONS, "CreateSessionOptions", out);
        return out.get(ADDRESS, 0);
    }

    void setOptimizationLevel(MemorySegment options, int level) {
        intCall(SET_GRAPH_OPTIMIZATION_LEVEL, "SetSessionGraphOptimizationLevel", options, level);
    }

    void setIntraOpThreads(MemorySegment options, int threads) {
        intCall(SET_INTRA_OP_NUM_THREADS, "SetIntraOpNumThreads", options, threads);
    }

    private void intCall(int index, String what, MemorySegment p, int value) {
        MemorySegment status;
        try {
            status = (MemorySegment) handle(index, FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT))
                    .invokeExact(p, value);
        } catch (Throwable t) {
            throw rethrow(t, what);
        }
        check(status, what);
    }

    void addSessionConfig(Arena arena, MemorySegment options, String key, String value) {
        call(ADD_SESSION_CONFIG_ENTRY, "AddSessionConfigEntry " + key, options, arena.allocateFrom(key),
                arena.allocateFrom(value));
    }

    /** Appends the CUDA provider with string options (device_id, gpu_mem_limit, ...). */
    void appendCuda(Arena arena, MemorySegment sessionOptions, List<String> keys, List<String> values) {
        MemorySegment out = arena.allocate(ADDRESS);
        call(CREATE_CUDA_PROVIDER_OPTIONS, "CreateCUDAProviderOptions", out);
        MemorySegment cuda = out.get(ADDRESS, 0);
        try {
            MemorySegment k = arena.allocate(ADDRESS, keys.size());
            MemorySegment v = arena.allocate(ADDRESS, keys.size());
            for (int i = 0; i < keys.size(); i++) {
                k.setAtIndex(ADDRESS, i, arena.allocateFrom(keys.get(i)));
                v.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
            }
            MemorySegment status;
            try {
                status = (MemorySegment) handle(UPDATE_CUDA_PROVIDER_OPTIONS,
                        FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG))
                        .invokeExact(cuda, k, v, (long) keys.size());
            } catch (Throwable t) {
                throw rethrow(t, "UpdateCUDAProviderOptions");
            }
            check(status, "UpdateCUDAProviderOptions " + keys + "=" + values);
            call(APPEND_CUDA_V2, "SessionOptionsAppendExecutionProvider_CUDA_V2", sessionOptions, cuda);
        } finally {
            release(RELEASE_CUDA_PROVIDER_OPTIONS, cuda);
        }
    }

    MemorySegment createSession(Arena arena, MemorySegment env, Path model, MemorySegment options) {
        MemorySegment out = arena.allocate(ADDRESS);
        call(CREATE_SESSION, "CreateSession " + model, env, arena.allocateFrom(model.toString()), options, out);
        return out.get(ADDRESS, 0);
    }

    MemorySegment createMemoryInfo(Arena arena, String name, int deviceId) {
        MemorySegment out = arena.allocate(ADDRESS);
        MemorySegment status;
        try {
            status = (MemorySegment) handle(CREATE_MEMORY_INFO,
                    FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS))
                    .invokeExact(arena.allocateFrom(name), 0 /* OrtDeviceAllocator */, deviceId,
                            0 /* OrtMemTypeDefault */, out);
        } catch (Throwable t) {
            throw rethrow(t, "CreateMemoryInfo");
        }
        check(status, "CreateMemoryInfo " + name + ":" + deviceId);
        return out.get(ADDRESS, 0);
    }

    /**
     * An {@code OrtValue} tensor over memory the caller owns ({@code address}, host or device per
     * {@code memoryInfo}); ORT never frees it. Release with {@link #releaseValue}.
     */
    MemorySegment tensorOver(MemorySegment memoryInfo, long address, long bytes, long[] shape, int elementType,
                             MemorySegment shapeScratch, MemorySegment outScratch) {
        for (int i = 0; i < shape.length; i++) {
            shapeScratch.setAtIndex(JAVA_LONG, i, shape[i]);
        }
        MemorySegment status;
        try {
            status = (MemorySegment) handle(CREATE_TENSOR_WITH_DATA,
                    FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS))
                    .invokeExact(memoryInfo, MemorySegment.ofAddress(address), bytes, shapeScratch,
                            (long) shape.length, elementType, outScratch);
        } catch (Throwable t) {
            throw rethrow(t, "CreateTensorWithDataAsOrtValue");
        }
        check(status, "CreateTensorWithDataAsOrtValue");
        return outScratch.get(ADDRESS, 0);
    }

    void releaseValue(MemorySegment value) {
        release(RELEASE_VALUE, value);
    }

    MemorySegment createIoBinding(Arena arena, MemorySegment session) {
        MemorySegment out = arena.allocate(ADDRESS);
        call(CREATE_IO_BINDING, "CreateIoBinding", session, out);
        return out.get(ADDRESS, 0);
    }

    void bindInput(MemorySegment binding, MemorySegment name, MemorySegment value) {
        call(BIND_INPUT, "BindInput", binding, name, value);
    }

    void bindOutput(MemorySegment binding, MemorySegment name, MemorySegment value) {
        call(BIND_OUTPUT, "BindOutput", binding, name, value);
    }

    /** Runs with {@code runOptions} (NULL for defaults). */
    void runWithBinding(MemorySegment session, MemorySegment runOptions, MemorySegment binding) {
        call(RUN_WITH_BINDING, "RunWithBinding", session, runOptions, binding);
    }

    MemorySegment createRunOptions(Arena arena) {
        MemorySegment out = arena.allocate(ADDRESS);
        call(CREATE_RUN_OPTIONS, "CreateRunOptions", out);
        return out.get(ADDRESS, 0);
    }

    void addRunConfig(Arena arena, MemorySegment runOptions, String key, String value) {
        call(ADD_RUN_CONFIG_ENTRY, "AddRunConfigEntry " + key, runOptions, arena.allocateFrom(key),
                arena.allocateFrom(value));
    }

    void releaseRunOptions(MemorySegment runOptions) {
        release(RELEASE_RUN_OPTIONS, runOptions);
    }

    void releaseIoBinding(MemorySegment binding) {
        release(RELEASE_IO_BINDING, binding);
    }

    void releaseSession(MemorySegment session) {
        release(RELEASE_SESSION, session);
    }

    void releaseSessionOptions(MemorySegment options) {
        release(RELEASE_SESSION_OPTIONS, options);
    }

    void releaseMemoryInfo(MemorySegment info) {
        release(RELEASE_MEMORY_INFO, info);
    }

    void releaseEnv(MemorySegment env) {
        release(RELEASE_ENV, env);
    }

    /** Creates and reads back a status: proves the first table entries are where the indices say. */
    String roundTripStatus(int code, String message) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment status = (MemorySegment) handle(CREATE_STATUS, FunctionDescriptor.of(ADDRESS, JAVA_INT,
                    ADDRESS)).invokeExact(code, a.allocateFrom(message));
            check(status, "status");
            return "";
        } catch (OrtCallException e) {
            return e.code() + ":" + e.getMessage();
        } catch (Throwable t) {
            throw rethrow(t, "CreateStatus");
        }
    }

    static final ValueLayout.OfLong LONG = JAVA_LONG;
}
