package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.fhir.FhirProperties;
import org.springframework.stereotype.Component;

/**
 * {@code $document}: the Composition first, then what it was generated with (Conditions, in the order the
 * Composition's sections list them: a differential is ranked), its Provenance and the model Device, then the
 * received Patient, Encounter and DiagnosticReport the document is about, under the fullUrls they came with
 * (else {@code MEDGO_EHR_BASE_URL}/Type/id, else this server's base), with every reference to them pointing at
 * those entries: a FHIR document resolves all its references inside itself.
 */
@Component
public class DocumentBundles {

    private final CompositionStore store;
    private final FhirContext fhir;
    private final FhirProperties properties;

    DocumentBundles(CompositionStore store, FhirContext fhir, FhirProperties properties) {
        this.store = store;
        this.fhir = fhir;
        this.properties = properties;
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
        // one document per Composition version: the draft and the approved document are different documents
        String version = c.getMeta().hasVersionId() ? c.getMeta().getVersionId() : CompositionStore.FIRST_VERSION;
        UUID documentId = UUID.nameUUIDFromBytes((c.getIdPart() + "/_history/" + version).getBytes(StandardCharsets.UTF_8));
        b.setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + documentId));
        b.setTimestamp(new Date());
        for (Resource r : resources) {
            b.addEntry().setFullUrl(serverBase + "/" + r.fhirType() + "/" + r.getIdPart()).setResource(r);
        }
        Map<String, String> receivedAt = new HashMap<>();
        for (ReceivedResource received : store.received(c.getIdPart())) {
            String fullUrl = received.fullUrl() != null ? received.fullUrl()
                    : (properties.ehrBaseUrl() != null ? properties.ehrBaseUrl() : serverBase) + "/" + received.reference();
            receivedAt.put(received.reference(), fullUrl);
            DocumentReferences.withoutConditionalReferences(fhir, received.resource());
            b.addEntry().setFullUrl(fullUrl).setResource(received.resource());
        }
        resources.forEach(r -> DocumentReferences.pointAtEntries(fhir, r, receivedAt));
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
