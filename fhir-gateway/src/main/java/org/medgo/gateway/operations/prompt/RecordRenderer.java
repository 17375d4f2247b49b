package org.medgo.gateway.operations.prompt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.*;

/**
 * Turns a (de-identified) record Bundle into the compact text the model reads: one line per fact,
 * {@code [key] Label: value}. Only clinical content and the surrogates the de-identifier left; no resource ids.
 * Keys name the kind and its position ({@code C3}: third Condition; notes and report texts also per sentence,
 * {@code N2:4}), so the same Bundle always gets the same keys and the model can cite them.
 */
public final class RecordRenderer {

    private static final int MAX_NOTE_CHARS = 8000;

    private RecordRenderer() {}

    public static KeyedRecord render(Bundle bundle) {
        Lines lines = new Lines();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            Resource r = entries.get(i).getResource();
            if (r == null) continue;
            lines.entry = i;
            lines.type = r.fhirType();
            switch (r) {
                case Patient p -> lines.add("PT", "Patient: " + join(
                        p.getName().stream().map(HumanName::getNameAsSingleString).collect(Collectors.joining(" ")),
                        p.hasGender() ? p.getGender().toCode() : null,
                        p.hasBirthDateElement() ? "born " + p.getBirthDateElement().getValueAsString() : null));
                case Encounter e -> lines.add("E", "Encounter: " + join(
                        e.hasClass_() ? e.getClass_().hasDisplay() ? e.getClass_().getDisplay() : e.getClass_().getCode() : null,
                        e.hasStatus() ? e.getStatus().toCode() : null,
                        e.getType().stream().map(RecordRenderer::text).collect(Collectors.joining(", ")),
                        e.hasPeriod() ? period(e.getPeriod()) : null,
                        e.getReasonCode().stream().map(RecordRenderer::text).collect(Collectors.joining(", "))));
                case Condition c -> lines.add("C", "Condition: " + join(text(c.getCode()),
                        c.hasClinicalStatus() ? text(c.getClinicalStatus()) : null,
                        c.hasOnsetDateTimeType() ? "onset " + c.getOnsetDateTimeType().getValueAsString() : null));
                case Observation o -> lines.add("O", "Observation: " + join(text(o.getCode()), value(o.getValue()),
                        o.hasInterpretation() ? text(o.getInterpretationFirstRep()) : null,
                        o.hasEffectiveDateTimeType() ? o.getEffectiveDateTimeType().getValueAsString() : null));
                case MedicationRequest m -> lines.add("M", "Medication: " + join(
                        m.hasMedicationCodeableConcept() ? text(m.getMedicationCodeableConcept()) : null,
                        m.getDosageInstruction().stream().map(Dosage::getText).filter(t -> t != null).collect(Collectors.joining("; ")),
                        m.hasStatus() ? m.getStatus().toCode() : null));
                case MedicationStatement m -> lines.add("M", "Medication: " + join(
                        m.hasMedicationCodeableConcept() ? text(m.getMedicationCodeableConcept()) : null,
                        m.getDosage().stream().map(Dosage::getText).filter(t -> t != null).collect(Collectors.joining("; "))));
                case AllergyIntolerance a -> lines.add("A", "Allergy: " + text(a.getCode()));
                case Procedure p -> lines.add("P", "Procedure: " + join(text(p.getCode()),
                        p.hasPerformedDateTimeType() ? p.getPerformedDateTimeType().getValueAsString() : null));
                case DiagnosticReport d -> {
                    String key = lines.add("R", "Report: " + join(text(d.getCode()), d.hasStatus() ? d.getStatus().toCode() : null,
                            d.hasEffectiveDateTimeType() ? d.getEffectiveDateTimeType().getValueAsString() : null,
                            d.hasConclusion() ? "conclusion: " + d.getConclusion() : null));
                    d.getPresentedForm().forEach(a -> attachment(a).ifPresent(t -> lines.sentences(key, t)));
                }
                case DocumentReference doc -> {
                    String title = doc.hasDescription() ? doc.getDescription() : doc.hasType() ? text(doc.getType()) : "Note";
                    List<String> texts = doc.getContent().stream().map(c -> attachment(c.getAttachment()))
                            .flatMap(java.util.Optional::stream).toList();
                    if (!texts.isEmpty()) {
                        String key = lines.add("N", title + ":");
                        texts.forEach(t -> lines.sentences(key, t));
                    }
                }
                default -> { }
            }
        }
        return new KeyedRecord(lines.lines);
    }

    /** Lines with their keys: a counter per kind, and per keyed item a counter of its sentences. */
    private static final class Lines {
        final List<RecordLine> lines = new ArrayList<>();
        final java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        int entry;
        String type;

        String add(String kind, String text) {
            String key = kind + counts.merge(kind, 1, Integer::sum);
            lines.add(new RecordLine(key, entry, type, text));
            return key;
        }

        void sentences(String parent, String text) {
            int n = (int) lines.stream().filter(l -> l.key().startsWith(parent + ":")).count();
            for (String sentence : Sentences.split(text)) {
                lines.add(new RecordLine(parent + ":" + ++n, entry, type, sentence));
            }
        }
    }

    private static java.util.Optional<String> attachment(Attachment a) {
        if (!a.hasData() || (a.hasContentType() && !a.getContentType().startsWith("text/"))) {
            return java.util.Optional.empty();
        }
        String t = new String(a.getData(), StandardCharsets.UTF_8).strip();
        return java.util.Optional.of(t.length() > MAX_NOTE_CHARS ? t.substring(0, MAX_NOTE_CHARS) : t);
    }

    static String text(CodeableConcept c) {
        if (c == null) return "";
        if (c.hasText()) return c.getText();
        return c.getCoding().stream().map(x -> x.hasDisplay() ? x.getDisplay() : x.getCode())
                .filter(x -> x != null).findFirst().orElse("");
    }

    private static String value(Type v) {
        if (v == null) return null;
        return switch (v) {
            case Quantity q -> q.getValue() == null ? null : q.getValue().toPlainString() + (q.hasUnit() ? " " + q.getUnit() : "");
            case CodeableConcept c -> text(c);
            case StringType s -> s.getValue();
            case BooleanType b -> b.getValueAsString();
            case IntegerType i -> i.getValueAsString();
            default -> v.primitiveValue();
        };
    }

    private static String period(Period p) {
        return (p.hasStart() ? p.getStartElement().getValueAsString() : "?") + " to " + (p.hasEnd() ? p.getEndElement().getValueAsString() : "ongoing");
    }

    private static String join(String... parts) {
        List<String> kept = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) kept.add(p.strip());
        return String.join(", ", kept);
    }
}
