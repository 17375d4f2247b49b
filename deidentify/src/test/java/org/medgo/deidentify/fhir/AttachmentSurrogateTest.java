package org.medgo.deidentify.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;

/** A rule that surrogates an attachment replaces its URL once (the vault maps back to the real URL) and scans its text. */
class AttachmentSurrogateTest {
    @Test
    void attachmentUrlIsSurrogatedOnceAndItsTextScanned() {
        RuleSet rules = RuleSet.parse("""
                name: t
                version: "1"
                defaults: { string: text }
                rules:
                  - { path: "DocumentReference.content.attachment", method: surrogate, type: URL }
                """);
        DocumentReference doc = new DocumentReference();
        doc.setId("d1");
        Attachment at = doc.addContent().getAttachment();
        at.setUrl("https://ehr.example.org/files/letter-1.txt");
        at.setContentType("text/plain");
        at.setData("Call Mr. John Smith at 617-555-0199.".getBytes(StandardCharsets.UTF_8));
        DeidSession session = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        DocumentReference out = (DocumentReference) new BundleDeidentifier(rules, Language.AUTO).deidentify(doc, session).resource();
        Attachment got = out.getContentFirstRep().getAttachment();
        assertThat(got.getUrl()).isEqualTo("[URL_1]");
        assertThat(session.originals(PhiType.URL)).containsExactly("https://ehr.example.org/files/letter-1.txt");
        assertThat(new String(got.getData(), StandardCharsets.UTF_8)).doesNotContain("John Smith").doesNotContain("617-555-0199");
    }
}
