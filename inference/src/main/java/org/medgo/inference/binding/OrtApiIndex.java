package org.medgo.inference.binding;

/**
 * Indices into {@code struct OrtApi} (0-based), counted from {@code onnxruntime_c_api.h}. The struct only ever grows
 * at its end, so an index is fixed across releases; every function here exists since API version 13.
 */
final class OrtApiIndex {

    static final int CREATE_STATUS = 0;
    static final int GET_ERROR_CODE = 1;
    static final int GET_ERROR_MESSAGE = 2;
    static final int CREATE_ENV = 3;
    static final int CREATE_SESSION = 7;
    static final int CREATE_SESSION_OPTIONS = 10;
    static final int SET_GRAPH_OPTIMIZATION_LEVEL = 23;
    static final int SET_INTRA_OP_NUM_THREADS = 24;
    static final int SESSION_GET_INPUT_COUNT = 30;
    static final int SESSION_GET_OUTPUT_COUNT = 31;
    static final int SESSION_GET_INPUT_TYPE_INFO = 33;
    static final int SESSION_GET_OUTPUT_TYPE_INFO = 34;
    static final int SESSION_GET_INPUT_NAME = 36;
    static final int SESSION_GET_OUTPUT_NAME = 37;
    static final int CREATE_RUN_OPTIONS = 39;
    static final int CREATE_TENSOR_WITH_DATA = 49;
    static final int GET_TENSOR_MUTABLE_DATA = 51;
    static final int CAST_TYPE_INFO_TO_TENSOR_INFO = 55;
    static final int GET_TENSOR_ELEMENT_TYPE = 60;
    static final int GET_DIMENSIONS_COUNT = 61;
    static final int GET_DIMENSIONS = 62;
    static final int CREATE_MEMORY_INFO = 68;
    static final int ALLOCATOR_FREE = 76;
    static final int GET_ALLOCATOR_WITH_DEFAULT_OPTIONS = 78;
    static final int RELEASE_ENV = 92;
    static final int RELEASE_STATUS = 93;
    static final int RELEASE_MEMORY_INFO = 94;
    static final int RELEASE_SESSION = 95;
    static final int RELEASE_VALUE = 96;
    static final int RELEASE_RUN_OPTIONS = 97;
    static final int RELEASE_TYPE_INFO = 98;
    static final int RELEASE_SESSION_OPTIONS = 100;
    static final int ADD_SESSION_CONFIG_ENTRY = 130;
    static final int RUN_WITH_BINDING = 133;
    static final int CREATE_IO_BINDING = 134;
    static final int RELEASE_IO_BINDING = 135;
    static final int BIND_INPUT = 136;
    static final int BIND_OUTPUT = 137;
    static final int ADD_RUN_CONFIG_ENTRY = 165;
    static final int APPEND_CUDA_V2 = 204;
    static final int CREATE_CUDA_PROVIDER_OPTIONS = 205;
    static final int UPDATE_CUDA_PROVIDER_OPTIONS = 206;
    static final int RELEASE_CUDA_PROVIDER_OPTIONS = 208;

    private OrtApiIndex() {
    }
}
