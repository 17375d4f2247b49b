package org.medgo.inference.binding;

import org.medgo.inference.runtime.GraphTensor;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.medgo.inference.binding.OrtApiIndex.*;

/** A session's inputs or outputs as the C API declares them: names, element types and dimensions, in graph order. */
final class GraphSignature {

    private GraphSignature() {
    }

    /** Inputs ({@code input}) or outputs of {@code session} by name. */
    static Map<String, GraphTensor> of(OrtApi api, MemorySegment session, boolean input) {
        Map<String, GraphTensor> out = new LinkedHashMap<>();
        long n = count(api, session, input);
        for (long i = 0; i < n; i++) {
            out.put(name(api, session, input, i), tensor(api, session, input, i));
        }
        return out;
    }

    private static long count(OrtApi api, MemorySegment session, boolean inputs) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            api.call(inputs ? SESSION_GET_INPUT_COUNT : SESSION_GET_OUTPUT_COUNT, "SessionGet*Count", session, out);
            return out.get(JAVA_LONG, 0);
        }
    }

    private static String name(OrtApi api, MemorySegment session, boolean input, long index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment alloc = a.allocate(ADDRESS);
            api.call(GET_ALLOCATOR_WITH_DEFAULT_OPTIONS, "GetAllocatorWithDefaultOptions", alloc);
            MemorySegment allocator = alloc.get(ADDRESS, 0);
            MemorySegment out = a.allocate(ADDRESS);
            MemorySegment status;
            try {
                status = (MemorySegment) api.handle(input ? SESSION_GET_INPUT_NAME : SESSION_GET_OUTPUT_NAME,
                        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS))
                        .invokeExact(session, index, allocator, out);
            } catch (Throwable t) {
                throw OrtApi.rethrow(t, "SessionGet*Name");
            }
            api.check(status, "SessionGet*Name");
            MemorySegment name = out.get(ADDRESS, 0);
            String s = name.reinterpret(Integer.MAX_VALUE).getString(0);
            api.call(ALLOCATOR_FREE, "AllocatorFree", allocator, name);
            return s;
        }
    }

    /** Element type and dimensions (-1 for symbolic) of input/output {@code index}. */
    private static GraphTensor tensor(OrtApi api, MemorySegment session, boolean input, long index) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            MemorySegment status;
            try {
                status = (MemorySegment) api.handle(input ? SESSION_GET_INPUT_TYPE_INFO : SESSION_GET_OUTPUT_TYPE_INFO,
                        FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS)).invokeExact(session, index, out);
            } catch (Throwable t) {
                throw OrtApi.rethrow(t, "SessionGet*TypeInfo");
            }
            api.check(status, "SessionGet*TypeInfo");
            MemorySegment typeInfo = out.get(ADDRESS, 0);
            try {
                MemorySegment info = a.allocate(ADDRESS);
                api.call(CAST_TYPE_INFO_TO_TENSOR_INFO, "CastTypeInfoToTensorInfo", typeInfo, info);
                MemorySegment tensorInfo = info.get(ADDRESS, 0);
                if (tensorInfo.address() == 0) {
                    return new GraphTensor(0, new long[0]);
                }
                MemorySegment type = a.allocate(JAVA_INT);
                api.call(GET_TENSOR_ELEMENT_TYPE, "GetTensorElementType", tensorInfo, type);
                MemorySegment count = a.allocate(JAVA_LONG);
                api.call(GET_DIMENSIONS_COUNT, "GetDimensionsCount", tensorInfo, count);
                long n = count.get(JAVA_LONG, 0);
                MemorySegment dims = a.allocate(JAVA_LONG, Math.max(1, n));
                try {
                    api.check((MemorySegment) api.handle(GET_DIMENSIONS,
                            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG)).invokeExact(tensorInfo, dims, n),
                            "GetDimensions");
                } catch (RuntimeException e) {
                    throw e;
                } catch (Throwable t) {
                    throw OrtApi.rethrow(t, "GetDimensions");
                }
                return new GraphTensor(type.get(JAVA_INT, 0), dims.asSlice(0, n * 8).toArray(JAVA_LONG));
            } finally {
                api.release(RELEASE_TYPE_INFO, typeInfo);
            }
        }
    }
}
