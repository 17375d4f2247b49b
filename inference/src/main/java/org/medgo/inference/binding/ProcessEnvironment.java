package org.medgo.inference.binding;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * Sets a variable in the process environment (libc {@code setenv}) for the duration of one call. Some ONNX Runtime
 * kernels read their switches from the environment when a session creates them (e.g. {@code ORT_FPA_INTB_GEMM}),
 * and Java cannot change its own environment; scoping the change to one session's creation keeps other sessions
 * as they were.
 */
final class ProcessEnvironment {

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SETENV = LINKER.downcallHandle(
            LINKER.defaultLookup().find("setenv").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle UNSETENV = LINKER.downcallHandle(
            LINKER.defaultLookup().find("unsetenv").orElseThrow(), FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GETENV = LINKER.downcallHandle(
            LINKER.defaultLookup().find("getenv").orElseThrow(), FunctionDescriptor.of(ADDRESS, ADDRESS));

    private ProcessEnvironment() {
    }

    /** Runs {@code call} with {@code name=value} set, then unsets it (it must not have been set before). */
    static synchronized <T> T with(String name, String value, Supplier<T> call) {
        if (System.getenv(name) != null) {
            return call.get(); // the operator set it for the whole process: leave it alone
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocateFrom(name);
            invoke(SETENV, n, a.allocateFrom(value));
            try {
                return call.get();
            } finally {
                invoke(UNSETENV, n, null);
            }
        }
    }

    private static void invoke(MethodHandle h, MemorySegment name, MemorySegment value) {
        int rc;
        try {
            rc = value == null ? (int) h.invokeExact(name) : (int) h.invokeExact(name, value, 1);
        } catch (Throwable t) {
            throw new OrtCallException(-1, "setenv/unsetenv: " + t);
        }
        if (rc != 0) {
            throw new OrtCallException(-1, "setenv/unsetenv failed for " + name.getString(0));
        }
    }

    /** The variable as libc sees it now (for tests: Java's System.getenv is a snapshot from startup). */
    static String get(String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = (MemorySegment) GETENV.invokeExact(a.allocateFrom(name));
            return p.address() == 0 ? null : p.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw new OrtCallException(-1, "getenv: " + t);
        }
    }
}
