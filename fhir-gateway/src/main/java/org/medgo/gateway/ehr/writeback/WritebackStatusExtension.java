package org.medgo.gateway.ehr.writeback;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.medgo.gateway.ehr.EhrConnection;
import org.springframework.stereotype.Component;

/**
 * Shows the write-back state on every Composition the gateway serves ({@code GET Composition/{id}}, searches):
 * one extension {@value #URL} per outbox row with {@code kind}, {@code status} (pending, sent, failed),
 * {@code attempts}, and once sent {@code ehrResource} (the EMR's versioned URL) and {@code sent}; while
 * failing, {@code lastError}. Computed when served, so it is always current.
 */
@Component
@Interceptor
class WritebackStatusExtension {

    static final String URL = "https://medgo.org/fhir/StructureDefinition/ehr-writeback";

    private final WritebackOutbox outbox;
    private final EhrConnection ehr;

    WritebackStatusExtension(WritebackOutbox outbox, EhrConnection ehr) {
        this.outbox = outbox;
        this.ehr = ehr;
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean decorate(ResponseDetails response) {
        if (ehr.client().isEmpty()) {
            return true;
        }
        if (response.getResponseResource() instanceof Composition c) {
            decorate(c);
        } else if (response.getResponseResource() instanceof Bundle b) {
            b.getEntry().stream().filter(e -> e.getResource() instanceof Composition)
                    .forEach(e -> decorate((Composition) e.getResource()));
        }
        return true;
    }

    private void decorate(Composition c) {
        c.getExtension().removeIf(e -> URL.equals(e.getUrl()));
        String base = ehr.require().base();
        for (WritebackOutbox.Entry entry : outbox.entries(c.getIdElement().getIdPart())) {
            Extension ext = c.addExtension().setUrl(URL);
            ext.addExtension("kind", new CodeType(entry.kind()));
            ext.addExtension("status", new CodeType(entry.status().code()));
            ext.addExtension("attempts", new IntegerType(entry.attempts()));
            String type = NoteKind.ofCode(entry.kind()).resourceType();
            entry.ehrId().ifPresent(id -> ext.addExtension("ehrResource",
                    new UriType(base + "/" + type + "/" + id + entry.ehrVersion().map(v -> "/_history/" + v).orElse(""))));
            entry.sentAt().ifPresent(t -> ext.addExtension("sent", new InstantType(java.util.Date.from(t))));
            entry.lastError().ifPresent(e -> ext.addExtension("lastError", new StringType(e)));
        }
    }
}
