package org.medgo.gateway.operations.model;

import org.medgo.inference.generation.GenerationRequest;

/**
 * Sees every request at the model boundary, just before it enters the engine (beans of this type are
 * called in order). For metrics and for tests that check what reached the model; must not block.
 */
@FunctionalInterface
public interface InferenceObserver {

    void beforeGeneration(GenerationRequest request);
}
