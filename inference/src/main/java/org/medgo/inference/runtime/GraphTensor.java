package org.medgo.inference.runtime;

/**
 * A graph input or output as the runtime declares it.
 *
 * @param elementType ONNX element type code ({@link ElementType#onnxCode()}); 0 for non-tensors
 * @param dims        dimensions, -1 where symbolic
 */
public record GraphTensor(int elementType, long[] dims) {
}
