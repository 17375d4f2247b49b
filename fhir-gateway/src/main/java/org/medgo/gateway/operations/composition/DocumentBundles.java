package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * {@code $document}: the Composition first, then what it was generated with (Conditions, in the order the
 * Composition's sections list them: a differential is ranked), its Provenance and the model Device. The Patient
 * and Encounter stay in the EMR and are referenced, not copied.
 */
@Component
public class DocumentBundles {

    private final CompositionStore store;

    DocumentBundles(CompositionStore store) {
        this.store = store;
    }

    public Bundle document(String compositionId, String serverBase) {
        Composition c = store.read(compositionId).orElseThrow(() -> new ResourceNotFoundException("Composition/" + compositionId));
        List<Resource> resources = new ArrayList<>();
        resources.add(c);
        resources.addAll(inSectionOrder(c, store.generatedWith(c.getIdPart())));
        c.getAuthor().stream().filter(a -> a.getReference() != null && a.getReference().startsWith("Device/"))
                .forEach(a -> store.readGenerated("Device", a.getReference().substring("Device/".length())).ifPresent(resources::add));
        Bundle b = new Bundle();
        b.setType(Bundle.BundleType.DOCUMENT);
        b.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + c.getIdPart()));
        b.setTimestamp(new Date());
        for (Resource r : resources) {
            b.addEntry().setFullUrl(serverBase + "/" + r.fhirType() + "/" + r.getIdPart()).setResource(r);
        }
        return b;
    }

    /** Resources the sections reference, in section order; the others (Provenance) after them, as stored. */
    private static List<Resource> inSectionOrder(Composition c, List<Resource> generated) {
        List<String> order = c.getSection().stream().flatMap(s -> s.getEntry().stream())
                .map(r -> r.getReference()).toList();
        List<Resource> sorted = new ArrayList<>(generated);
        sorted.sort(Comparator.comparingInt(r -> {
            int i = order.indexOf(r.fhirType() + "/" + r.getIdPart());
            return i < 0 ? Integer.MAX_VALUE : i;
        }));
        return sorted;
    }
}
