package org.medgo.gateway.operations.citation;

/**
 * One line of the record a draft was made from, as the reviewing clinician knows it (de-identification
 * reversed): its citation key (null for a heading), the input resource it stands for ({@code Type/id}, the
 * EMR's id; null when the resource had none) and its text.
 */
public record SourceLine(String key, String reference, String text) {}
