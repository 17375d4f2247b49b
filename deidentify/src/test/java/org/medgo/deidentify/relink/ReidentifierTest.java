package org.medgo.deidentify.relink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.fhir.DeidentifiedResource;
import org.medgo.deidentify.leak.LeakReport;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.vault.VaultEntries;

/** The pipeline's path end to end without the model: bundle → de-identified → "model output" → leak scan → re-identified. */
class ReidentifierTest {

    @Test
    void modelOutputComesBackWithTheRightPatientAndDates() {
        Patient p = new Patient();
        p.setId("p-77");
        p.addName().setFamily("欧阳").addGiven("娜娜");
        Encounter e = new Encounter();
        e.setId("e-1");
        e.setSubject(new org.hl7.fhir.r4.model.Reference("Patient/p-77"));
        e.getPeriod().setStartElement(new org.hl7.fhir.r4.model.DateTimeType("2024-03-05"));
        Bundle b = new Bundle();
        b.addEntry().setResource(p);
        b.addEntry().setResource(e);

        DeidSession session = DeidSession.newRequest(DeidSecrets.of(new byte[32]));
        DeidentifiedResource out = BundleDeidentifier.standard().deidentify(b, session);
        Patient dp = (Patient) ((Bundle) out.resource()).getEntry().get(0).getResource();
        Encounter de = (Encounter) ((Bundle) out.resource()).getEntry().get(1).getResource();
        String name = dp.getNameFirstRep().getText();
        String shifted = de.getPeriod().getStartElement().getValueAsString();
        assertThat(name).isEqualTo("[NAME_1]");
        assertThat(shifted).isNotEqualTo("2024-03-05");

        // what a model might write, in the de-identified space, plus an identifier it made up
        String modelOutput = "入院小结：" + name + "于" + shifted + "入院，诊断急性心肌梗死。建议联系13912345678随访。";
        VaultEntries entries = new VaultEntries(session.requestId(), session.entries(), session.primaryDateOffsetDays(),
                Instant.now().plusSeconds(600));
        LeakReport leaks = LeakScanner.standard().scan(modelOutput, entries);
        assertThat(leaks.text()).contains("[REDACTED_PHONE]").doesNotContain("13912345678");
        String forClinician = Reidentifier.reidentify(leaks.text(), entries);
        assertThat(forClinician).isEqualTo("入院小结：欧阳娜娜于2024-03-05入院，诊断急性心肌梗死。建议联系[REDACTED_PHONE]随访。");
    }

    @Test
    void unknownSurrogatesStayAndOtherDatesMoveBackByTheSameOffset() {
        VaultEntries entries = new VaultEntries(java.util.UUID.randomUUID(), java.util.List.of(), 30, Instant.now());
        String out = Reidentifier.reidentify("[NAME_9] seen 2024-04-04 and March 1, 2024.", entries);
        assertThat(out).isEqualTo("[NAME_9] seen 2024-03-05 and January 31, 2024.");
        assertThat(ChronoUnit.DAYS.between(LocalDate.parse("2024-03-05"), LocalDate.parse("2024-04-04"))).isEqualTo(30);
    }
}
