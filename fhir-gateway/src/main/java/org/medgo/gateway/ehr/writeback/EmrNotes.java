package org.medgo.gateway.ehr.writeback;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The note as the EMR receives it, from the gateway's document Bundle: the Composition with the model
 * Device (its author) and any generated Conditions contained, so it refers to nothing the EMR lacks; Patient,
 * Encounter and the attesting clinician are the EMR's own references. Identifier {@code urn:ietf:rfc:3986 |
 * urn:uuid:<gateway Composition id>}: the EMR is asked to create it only if none has it (If-None-Exist).
 * The DocumentReference form carries the note as text/plain and text/html attachments. The document also
 * carries the received Patient/Encounter/DiagnosticReport (under their EMR fullUrls): those are not
 * contained, and references to them become the EMR's own relative ones again.
 */
final class EmrNotes {

    private static final ca.uhn.fhir.context.FhirContext FHIR = ca.uhn.fhir.context.FhirContext.forR4Cached();

    static final String IDENTIFIER_SYSTEM = "urn:ietf:rfc:3986";
    /** The server base the outbox builds its documents with: entries under it are the gateway's own. */
    static final String GENERATED_BASE = "urn:medgo";

    private EmrNotes() {}

    static Identifier identifier(String compositionId) {
        return new Identifier().setSystem(IDENTIFIER_SYSTEM).setValue("urn:uuid:" + compositionId);
    }

    static String ifNoneExist(String compositionId) {
        return "identifier=" + IDENTIFIER_SYSTEM + "|urn:uuid:" + compositionId;
    }

    static Composition composition(Bundle document, String compositionId) {
        Composition source = (Composition) document.getEntryFirstRep().getResource();
        Composition note = source.copy();
        note.setId((String) null);
        note.setMeta(note.getMeta().copy().setVersionId(null).setLastUpdated(null));
        note.getIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue("urn:uuid:" + compositionId);
        Map<String, String> contained = new HashMap<>();
        Map<String, String> received = new HashMap<>();
        for (Bundle.BundleEntryComponent e : document.getEntry()) {
            Resource r = e.getResource();
            if (r == source || r.fhirType().equals("Provenance")) {
                continue;
            }
            String ownRef = r.fhirType() + "/" + r.getIdElement().getIdPart();
            if (e.getFullUrl() == null || !e.getFullUrl().startsWith(GENERATED_BASE + "/")) {
                received.put(e.getFullUrl(), ownRef); // the EMR has it: never a contained copy of the patient
                continue;
            }
            String local = "r" + contained.size();
            contained.put(ownRef, "#" + local);
            Resource copy = r.copy();
            copy.setId(local);
            copy.setMeta(null);
            note.addContained(copy);
        }
        for (Reference reference : FHIR.newTerser().getAllPopulatedChildElementsOfType(note, Reference.class)) {
            relink(reference, contained);
            relink(reference, received);
        }
        return note;
    }

    static DocumentReference documentReference(Composition note, String compositionId) {
        DocumentReference doc = new DocumentReference();
        doc.getMeta().setSecurity(note.getMeta().getSecurity());
        doc.addIdentifier(identifier(compositionId));
        doc.setStatus(note.getStatus() == Composition.CompositionStatus.ENTEREDINERROR
                ? Enumerations.DocumentReferenceStatus.ENTEREDINERROR : Enumerations.DocumentReferenceStatus.CURRENT);
        doc.setDocStatus(note.getStatus() == Composition.CompositionStatus.FINAL
                ? DocumentReference.ReferredDocumentStatus.FINAL : DocumentReference.ReferredDocumentStatus.ENTEREDINERROR);
        doc.setType(note.getType());
        doc.setSubject(note.getSubject());
        doc.setDate(note.getDate());
        doc.setDescription(note.getTitle());
        if (note.hasEncounter()) {
            doc.getContext().addEncounter(note.getEncounter());
        }
        note.getAttester().forEach(a -> doc.setAuthenticator(a.getParty()));
        doc.addContent().setAttachment(attachment("text/plain", plainText(note), note));
        doc.addContent().setAttachment(attachment("text/html", html(note), note));
        return doc;
    }

    static String plainText(Composition note) {
        StringBuilder text = new StringBuilder(note.getTitle() == null ? "" : note.getTitle()).append("\n");
        for (Composition.SectionComponent s : note.getSection()) {
            text.append("\n").append(s.getTitle() == null ? "" : s.getTitle()).append("\n");
            if (s.hasText() && s.getText().getDiv() != null) {
                text.append(s.getText().getDiv().allText().strip()).append("\n");
            }
        }
        return text.toString();
    }

    /** The sections' narratives as one HTML page; the narratives are escaped XHTML already (SafeNarrative). */
    static String html(Composition note) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(note.getTitle())).append("</title></head><body><h1>").append(escape(note.getTitle())).append("</h1>");
        for (Composition.SectionComponent s : note.getSection()) {
            html.append("<h2>").append(escape(s.getTitle())).append("</h2>");
            if (s.hasText() && s.getText().getDiv() != null) {
                html.append(s.getText().getDivAsString());
            }
        }
        return html.append("</body></html>").toString();
    }

    private static Attachment attachment(String type, String content, Composition note) {
        return new Attachment().setContentType(type + "; charset=utf-8").setLanguage(note.getLanguage())
                .setTitle(note.getTitle()).setData(content.getBytes(StandardCharsets.UTF_8));
    }

    private static void relink(Reference reference, Map<String, String> contained) {
        String local = contained.get(reference.getReference());
        if (local != null) {
            reference.setReference(local);
        }
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
