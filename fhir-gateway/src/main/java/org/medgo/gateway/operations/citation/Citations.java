package org.medgo.gateway.operations.citation;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * The citations of one generated document, as FHIR. A cited statement is the complex extension
 * {@value #STATEMENT} ({@code text}, {@code source} references, {@code key}s of the record lines cited;
 * {@code uncited = true} when it has none);
 * an element that carries an uncited statement itself (a Condition.evidence) gets {@value #UNCITED}; the
 * Composition counts its uncited statements in {@value #UNCITED_COUNT}; every cited resource becomes a
 * Provenance {@code entity} with role {@code source}.
 */
public final class Citations {

    public static final String BASE = "https://medgo.org/fhir/StructureDefinition/";
    public static final String STATEMENT = BASE + "cited-statement";
    public static final String UNCITED = BASE + "uncited-statement";
    public static final String UNCITED_COUNT = BASE + "uncited-statement-count";
    /** The record key a statement cites ({@code N2:4}), so a reviewer can be shown the very sentence. */
    public static final String CITATION_KEY = BASE + "citation-key";

    private final List<String> cited = new ArrayList<>();
    private int uncited;

    /** Records one statement's sources; returns whether it had any. */
    public boolean count(List<Reference> sources) {
        if (sources.isEmpty()) {
            uncited++;
            return false;
        }
        sources.forEach(r -> {
            if (!cited.contains(r.getReference())) cited.add(r.getReference());
        });
        return true;
    }

    /** A statement with its sources and their record keys, as the {@value #STATEMENT} extension (under {@code url}). */
    public Extension statement(String url, String text, List<Reference> sources, List<String> keys) {
        Extension e = new Extension(url);
        e.addExtension("text", new StringType(text));
        sources.forEach(r -> e.addExtension("source", r.copy()));
        keys.forEach(k -> e.addExtension("key", new StringType(k)));
        if (!count(sources)) {
            e.addExtension("uncited", new BooleanType(true));
        }
        return e;
    }

    /** Marks an element whose statement cites nothing. */
    public static void markUncited(Element element) {
        element.addExtension(UNCITED, new BooleanType(true));
    }

    public int uncited() {
        return uncited;
    }

    /** The count on the Composition, the sources on the Provenance. */
    public void finish(Composition composition, Provenance provenance) {
        composition.addExtension(UNCITED_COUNT, new UnsignedIntType(uncited));
        for (String reference : cited) {
            provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference(reference));
        }
    }

    public static void addSectionEntries(Composition.SectionComponent section, List<Reference> sources) {
        for (Reference r : sources) {
            if (section.getEntry().stream().noneMatch(e -> r.getReference().equals(e.getReference()))) {
                section.addEntry(r.copy());
            }
        }
    }
}
