package org.medgo.gateway.operations.prompt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;

/**
 * Shortens a rendered record to a character budget when it does not fit the model's context. What a draft can best
 * do without goes first: observations, oldest first (an encounter's vital signs and panels are most of a long
 * record), then procedures, oldest first, then the last sentences of notes and reports. The patient, the encounter,
 * conditions, medications, allergies and each report's own line always stay. Keys do not change: a kept line keeps
 * its key, so citations still point at the right source.
 */
public final class RecordFit {

    private RecordFit() {}

    public record Fitted(KeyedRecord record, Omitted omitted) {}

    /**
     * @param deidentified the Bundle the record was rendered from (for the dates of observations and procedures)
     * @param maxChars     the most characters of record text to keep
     */
    public static Fitted fit(KeyedRecord record, Bundle deidentified, int maxChars) {
        int chars = record.text().length();
        if (chars <= maxChars) {
            return new Fitted(record, Omitted.NOTHING);
        }
        List<RecordLine> dropOrder = new ArrayList<>();
        dropOrder.addAll(oldestFirst(record, deidentified, "Observation"));
        dropOrder.addAll(oldestFirst(record, deidentified, "Procedure"));
        dropOrder.addAll(record.lines().stream().filter(RecordFit::sentence).toList().reversed());
        Set<RecordLine> dropped = new HashSet<>();
        int observations = 0, procedures = 0, sentences = 0;
        for (RecordLine line : dropOrder) {
            if (chars <= maxChars) break;
            dropped.add(line);
            chars -= line.rendered().length() + 1;
            if (sentence(line)) sentences++;
            else if (line.type().equals("Observation")) observations++;
            else procedures++;
        }
        List<RecordLine> kept = record.lines().stream().filter(l -> !dropped.contains(l)).toList();
        return new Fitted(new KeyedRecord(kept), new Omitted(observations, procedures, sentences, 0));
    }

    /** A sentence of a note or report text ({@code N2:4}), not the line that names the note or report. */
    private static boolean sentence(RecordLine line) {
        return line.key() != null && line.key().contains(":");
    }

    private static List<RecordLine> oldestFirst(KeyedRecord record, Bundle bundle, String type) {
        return record.lines().stream().filter(l -> type.equals(l.type()) && !sentence(l))
                .sorted(Comparator.comparing((RecordLine l) -> when(bundle, l), Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    private static Date when(Bundle bundle, RecordLine line) {
        Resource r = line.entry() < bundle.getEntry().size() ? bundle.getEntry().get(line.entry()).getResource() : null;
        return switch (r) {
            case Observation o when o.hasEffectiveDateTimeType() -> o.getEffectiveDateTimeType().getValue();
            case Observation o when o.hasEffectivePeriod() -> o.getEffectivePeriod().getStart();
            case Procedure p when p.hasPerformedDateTimeType() -> p.getPerformedDateTimeType().getValue();
            case Procedure p when p.hasPerformedPeriod() -> p.getPerformedPeriod().getStart();
            case null, default -> null;
        };
    }
}
