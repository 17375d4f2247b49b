package org.medgo.gateway.operations.pipeline;

/**
 * @param compositionId the stored Composition (an earlier one when the request id was seen before)
 * @param reused        true when an earlier result of the same request id was returned
 * @param patientRef    the record's patient ({@code Patient/<id>})
 * @param modelNanos    time the engine spent on this request (0 when reused)
 * @param totalNanos    time of the whole pipeline
 */
public record PipelineResult(String compositionId, boolean reused, String patientRef, long modelNanos, long totalNanos) {}
