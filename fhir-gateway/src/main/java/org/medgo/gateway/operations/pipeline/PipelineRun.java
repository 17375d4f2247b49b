package org.medgo.gateway.operations.pipeline;

import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;

/**
 * The state of one operation call as the pipeline moves through its stages: what the audit records of
 * its outcome (success or the stage it failed in) need. Confined to the request's thread.
 */
final class PipelineRun {

    final OperationKind kind;
    final OperationInput input;
    final long startNanos = System.nanoTime();
    private Stage stage = Stage.VALIDATE;
    /** {@code Patient/<id>} of the record, once it is known. */
    String patientRef;
    ModelView view;
    GenerationRequest request;
    GenerationResult result;
    int leaksRedacted;

    final StepTimes times;

    PipelineRun(OperationKind kind, OperationInput input, StepTimes times) {
        this.kind = kind;
        this.input = input;
        this.times = times;
    }

    void enter(Stage next, Progress progress) {
        stage = next;
        progress.entered(next);
    }

    Stage stage() {
        return stage;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }
}
