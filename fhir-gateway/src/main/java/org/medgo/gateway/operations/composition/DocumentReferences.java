package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Makes every reference of a document Bundle resolve inside it (FHIR documents are self-contained, and R4
 * validators check that they are): references to the received Patient/Encounter/DiagnosticReport point at
 * their entries' fullUrls, and conditional references the EMR sent ({@code Practitioner?identifier=s|v}, valid
 * only in a transaction) become the logical references they stand for ({@code type} + {@code identifier}).
 */
final class DocumentReferences {

    private DocumentReferences() {}

    /** Rewrites, in place, references equal to a key of {@code fullUrls} ({@code Type/id}) to its value. */
    static void pointAtEntries(FhirContext fhir, Resource resource, Map<String, String> fullUrls) {
        for (Reference ref : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = ref.getReference();
            if (target != null && fullUrls.containsKey(target)) {
                ref.setReference(fullUrls.get(target));
            }
        }
    }

    /** Turns conditional references ({@code Type?identifier=system|value}) into logical ones, in place. */
    static void withoutConditionalReferences(FhirContext fhir, Resource resource) {
        for (Reference ref : fhir.newTerser().getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            String target = ref.getReference();
            int q = target == null ? -1 : target.indexOf('?');
            if (q <= 0) {
                continue;
            }
            ref.setReference(null);
            ref.setType(target.substring(target.lastIndexOf('/', q) + 1, q));
            String query = target.substring(q + 1);
            if (query.startsWith("identifier=")) {
                String token = java.net.URLDecoder.decode(query.substring("identifier=".length()).split("&")[0], java.nio.charset.StandardCharsets.UTF_8);
                int bar = token.indexOf('|');
                Identifier id = new Identifier();
                if (bar >= 0) {
                    id.setSystem(bar == 0 ? null : token.substring(0, bar)).setValue(token.substring(bar + 1));
                } else {
                    id.setValue(token);
                }
                ref.setIdentifier(id);
            } else if (!ref.hasDisplay()) {
                ref.setDisplay(target);
            }
        }
    }
}
