package org.medgo.deidentify.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.leak.LeakReport;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.vault.VaultEntries;

/** The recall-first English detector runs in FHIR free text (narrative, notes, attachments) and in the leak scan alike. */
class EnglishFreeTextFieldsTest {
    private static final String NOTE = "Tobias W. was seen at Lakeview General last Tuesday; MRN: #KT-554433. Crohn disease, on adalimumab.";

    @Test
    void narrativesNotesAndAttachmentsLoseUncuedIdentifiers() {
        Observation o = new Observation();
        o.setId("o1");
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().setText("Progress note");
        o.addNote().setText(NOTE);
        Narrative n = new Narrative();
        n.setStatus(Narrative.NarrativeStatus.GENERATED);
        n.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + NOTE + "</p></div>");
        o.setText(n);
        DocumentReference d = new DocumentReference();
        d.setId("d1");
        d.addContent().getAttachment().setContentType("text/plain").setData(NOTE.getBytes(StandardCharsets.UTF_8));
        DeidSession session = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        String obs = BundleDeidentifier.toJson(BundleDeidentifier.standard().deidentify(o, session).resource());
        String doc = new String(((DocumentReference) BundleDeidentifier.standard().deidentify(d, session).resource())
                .getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
        for (String text : new String[] {obs, doc}) {
            assertThat(text).doesNotContain("Tobias", "W.", "Lakeview", "Tuesday", "KT-554433").contains("Crohn disease", "adalimumab");
        }
    }

    @Test
    void theLeakScanRedactsUncuedNamesTheModelWrites() {
        DeidSession s = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        VaultEntries v = new VaultEntries(s.requestId(), s.entries(), s.primaryDateOffsetDays(), Instant.now().plusSeconds(60));
        LeakReport r = LeakScanner.standard().scan("Summary: Thaddeus Abernathy was admitted to Riverside Med Ctr with Crohn disease.", v);
        assertThat(r.clean()).isFalse();
        assertThat(r.text()).doesNotContain("Thaddeus", "Abernathy", "Riverside").contains("Crohn disease");
    }
}
