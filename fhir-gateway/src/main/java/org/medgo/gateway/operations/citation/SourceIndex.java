package org.medgo.gateway.operations.citation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.operations.prompt.KeyedRecord;
import org.medgo.gateway.operations.prompt.RecordLine;

/**
 * Which input resource each record key stands for. Keys are made from the de-identified Bundle, whose entries
 * are the input's in the same order, so a key's entry position finds the resource as the EMR sent it: the
 * references are the EMR's ids, never the de-identifier's hashed ones.
 */
public final class SourceIndex {

    private final Map<String, Reference> byKey;

    private SourceIndex(Map<String, Reference> byKey) {
        this.byKey = byKey;
    }

    /**
     * @throws IllegalStateException when the record no longer lines up with the input (an entry dropped or moved by
     *         de-identification): a citation must never point at the wrong resource
     */
    public static SourceIndex of(KeyedRecord record, Bundle input) {
        Map<String, Reference> byKey = new LinkedHashMap<>();
        List<Bundle.BundleEntryComponent> entries = input.getEntry();
        for (RecordLine line : record.lines()) {
            Resource source = line.entry() < entries.size() ? entries.get(line.entry()).getResource() : null;
            if (source == null || !source.fhirType().equals(line.type())) {
                throw new IllegalStateException("record line " + line.key() + " (" + line.type() + ", entry " + line.entry()
                        + ") does not match the input Bundle");
            }
            if (line.citable()) {
                emrReference(entries.get(line.entry())).ifPresent(r -> byKey.put(line.key(), r));
            }
        }
        return new SourceIndex(byKey);
    }

    public static SourceIndex empty() {
        return new SourceIndex(Map.of());
    }

    /** The reference a key stands for, if it names an input resource with an id. */
    public Optional<Reference> reference(String key) {
        Reference r = byKey.get(key);
        return r == null ? Optional.empty() : Optional.of(r.copy());
    }

    /**
     * The distinct resources a list of keys cites, in order. A key this record does not have is dropped,
     * never turned into a reference (the constrained decoder already allows only this record's keys).
     */
    public List<Reference> resolve(List<String> keys) {
        List<Reference> out = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        keys.forEach(k -> reference(k).ifPresent(r -> {
            if (!seen.contains(r.getReference())) {
                seen.add(r.getReference());
                out.add(r);
            }
        }));
        return out;
    }

    /** The record's lines for the reviewer: each with its source reference and its text made readable by {@code clinicianText}. */
    public List<SourceLine> lines(KeyedRecord record, java.util.function.UnaryOperator<String> clinicianText) {
        return record.lines().stream().map(l -> new SourceLine(l.key(),
                l.citable() && byKey.containsKey(l.key()) ? byKey.get(l.key()).getReference() : null,
                clinicianText.apply(l.text()))).toList();
    }

    /** The distinct keys of this record in a list of cited keys, in order (unknown ones dropped). */
    public List<String> keys(List<String> keys) {
        return keys.stream().filter(byKey::containsKey).distinct().toList();
    }

    /** {@code Type/id} as the EMR knows the resource: its id, or the id of a {@code urn:uuid:} or RESTful fullUrl. */
    static Optional<Reference> emrReference(Bundle.BundleEntryComponent entry) {
        Resource r = entry.getResource();
        if (r == null) return Optional.empty();
        String type = r.fhirType();
        String id = r.getIdElement().getIdPart();
        if (id != null && id.startsWith("urn:uuid:")) id = id.substring("urn:uuid:".length());
        if (id != null && !id.isBlank() && !id.startsWith("urn:")) return Optional.of(new Reference(type + "/" + id));
        String url = entry.getFullUrl();
        if (url != null && url.startsWith("urn:uuid:")) return Optional.of(new Reference(type + "/" + url.substring("urn:uuid:".length())));
        if (url != null && url.contains(type + "/")) return Optional.of(new Reference(url.substring(url.lastIndexOf(type + "/"))));
        return Optional.empty();
    }
}
