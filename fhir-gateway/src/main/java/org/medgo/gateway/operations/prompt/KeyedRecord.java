package org.medgo.gateway.operations.prompt;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The record as the model reads it: one line per fact, each citable line labelled with a key that is stable
 * for this record (same Bundle, same keys) and unique within it.
 */
public record KeyedRecord(List<RecordLine> lines) {

    public KeyedRecord {
        lines = List.copyOf(lines);
    }

    /** The prompt text: {@code [key] Label: value} per line. */
    public String text() {
        return lines.stream().map(RecordLine::rendered).collect(Collectors.joining("\n"));
    }

    /** Every key the model may cite, in record order. */
    public List<String> keys() {
        return lines.stream().filter(RecordLine::citable).map(RecordLine::key).toList();
    }
}
