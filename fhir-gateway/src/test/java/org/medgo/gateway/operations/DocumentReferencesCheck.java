package org.medgo.gateway.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/** The references of a document Bundle that resolve to none of its entries (FHIR's bundle resolution rules). */
final class DocumentReferencesCheck {

    private DocumentReferencesCheck() {}

    static List<String> unresolved(Bundle document) {
        Set<String> fullUrls = document.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : document.getEntry()) {
            for (Reference ref : FhirHttp.FHIR.newTerser().getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                String target = ref.getReference();
                if (target == null || target.startsWith("#")) {
                    continue; // logical (identifier) or contained
                }
                String absolute = target.contains(":") ? target
                        : entry.getFullUrl().substring(0, entry.getFullUrl().lastIndexOf('/', entry.getFullUrl().lastIndexOf('/') - 1) + 1) + target;
                if (!fullUrls.contains(absolute) && isDocumentLevel(entry)) {
                    missing.add(entry.getResource().fhirType() + " -> " + target);
                }
            }
        }
        return missing;
    }

    /** The gateway's own resources must resolve; the EMR's may point at what stayed in the EMR (e.g. observations). */
    private static boolean isDocumentLevel(Bundle.BundleEntryComponent entry) {
        return Set.of("Composition", "Condition", "Provenance", "Device").contains(entry.getResource().fhirType());
    }
}
