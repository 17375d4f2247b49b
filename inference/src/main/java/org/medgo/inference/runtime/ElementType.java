package org.medgo.inference.runtime;

/** The ONNX tensor element types a decoder graph may use for ids, mask, KV cache and logits. */
public enum ElementType {
    FLOAT(1, 4),
    INT32(6, 4),
    INT64(7, 8),
    FLOAT16(10, 2),
    BFLOAT16(16, 2);

    private final int onnxCode;
    private final int bytes;

    ElementType(int onnxCode, int bytes) {
        this.onnxCode = onnxCode;
        this.bytes = bytes;
    }

    /** The type of ONNX's {@code TensorProto.DataType} code, or null when it is none of these. */
    public static ElementType ofOnnx(int code) {
        for (ElementType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return null;
    }

    /** ONNX's {@code TensorProto.DataType} code (ORT's {@code ONNXTensorElementDataType}). */
    public int onnxCode() {
        return onnxCode;
    }

    public int bytes() {
        return bytes;
    }

    boolean isFloat() {
        return this == FLOAT || this == FLOAT16 || this == BFLOAT16;
    }

    boolean isIndex() {
        return this == INT32 || this == INT64;
    }

    /** How {@link LogitsRows} reads logits of this type. */
    public LogitsRows.Precision precision() {
        return switch (this) {
            case FLOAT -> LogitsRows.Precision.FP32;
            case FLOAT16 -> LogitsRows.Precision.FP16;
            case BFLOAT16 -> LogitsRows.Precision.BF16;
            default -> throw new IllegalStateException(this + " is not a logits type");
        };
    }
}
