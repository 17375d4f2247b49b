package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * {@code $document}: the Composition first, then what it was generated with (Conditions), its Provenance
 * and the model Device. The Patient and Encounter stay in the EMR and are referenced, not copied.
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
        resources.addAll(store.generatedWith(c.getIdPart()));
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
}
