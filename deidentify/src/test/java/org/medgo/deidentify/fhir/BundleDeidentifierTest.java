package org.medgo.deidentify.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.InvalidInputException;
import org.medgo.deidentify.PhiType;

class BundleDeidentifierTest {
    private static final DeidSecrets SECRETS = DeidSecrets.of(new byte[32]);
    private final BundleDeidentifier deid = BundleDeidentifier.standard();

    @Test
    void noIdentifierSurvivesAnywhereInTheBundle() {
        Bundle in = ClinicalBundles.inpatient();
        DeidSession session = DeidSession.newRequest(SECRETS);
        DeidentifiedResource out = deid.deidentify(in, session);
        String json = BundleDeidentifier.toJson(out.resource());
        String attachment = new String(((DocumentReference) entry(out, "DocumentReference")).getContentFirstRep()
                .getAttachment().getData(), StandardCharsets.UTF_8);
        for (String phi : ClinicalBundles.PHI) {
            assertThat(json).as("JSON still holds %s", phi).doesNotContain(phi);
            assertThat(attachment).as("attachment still holds %s", phi).doesNotContain(phi);
        }
        assertThat(json).doesNotContain("pat-1").doesNotContain("ehr.example.org").doesNotContain("110440000123456");
        assertThat(out.counts()).containsKeys(PhiType.NAME, PhiType.PHONE, PhiType.DATE, PhiType.MRN, PhiType.ID_NUMBER);
        assertThat(out.vaultId()).isEqualTo(session.requestId());
        // the input is untouched
        assertThat(BundleDeidentifier.toJson(in)).contains("张伟");
    }

    @Test
    void clinicalContentIsKept() {
        DeidentifiedResource out = deid.deidentify(ClinicalBundles.inpatient(), DeidSession.newRequest(SECRETS));
        String json = BundleDeidentifier.toJson(out.resource());
        assertThat(json).contains("2345-7", "mmol/L", "6.5", "B01AC06", "100mg qd", "右肺上叶结节", "空腹血糖6.5mmol/L");
        String attachment = new String(((DocumentReference) entry(out, "DocumentReference")).getContentFirstRep()
                .getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(attachment).contains("胸闷3天", "ICD-10 I20.0", "阿司匹林100mg qd", "LDL-C 3.2mmol/L", "[NAME_1]");
        Patient p = (Patient) entry(out, "Patient");
        assertThat(p.getGender().toCode()).isEqualTo("male");
        assertThat(p.getAddressFirstRep().getState()).isEqualTo("北京");
        assertThat(p.getAddressFirstRep().getPostalCode()).isEqualTo("100");
    }

    @Test
    void sameSurrogateForTheSameValueAcrossResourcesAndText() {
        DeidentifiedResource out = deid.deidentify(ClinicalBundles.inpatient(), DeidSession.newRequest(SECRETS));
        Patient p = (Patient) entry(out, "Patient");
        String nameSurrogate = p.getNameFirstRep().getText();
        assertThat(nameSurrogate).matches("\\[NAME_\\d+]");
        String attachment = new String(((DocumentReference) entry(out, "DocumentReference")).getContentFirstRep()
                .getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(attachment).contains("患者" + nameSurrogate);
        assertThat(p.getText().getDivAsString()).contains(nameSurrogate);
        String mrn = p.getIdentifierFirstRep().getValue();
        assertThat(attachment).contains("住院号：" + mrn);
        Encounter enc = (Encounter) entry(out, "Encounter");
        assertThat(enc.getSubject().getReference()).isEqualTo("Patient/" + p.getIdElement().getIdPart());
    }

    @Test
    void datesShiftByOnePatientOffsetKeepingIntervals() {
        Bundle in = ClinicalBundles.inpatient();
        DeidentifiedResource a = deid.deidentify(in, DeidSession.newRequest(SECRETS));
        DeidentifiedResource b = deid.deidentify(in, DeidSession.newRequest(SECRETS));
        Encounter e = (Encounter) entry(a, "Encounter");
        Encounter orig = (Encounter) in.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Encounter).findFirst().orElseThrow();
        long shift = ChronoUnit.DAYS.between(orig.getPeriod().getStart().toInstant(), e.getPeriod().getStart().toInstant());
        assertThat(shift).isNotZero();
        assertThat(Math.abs(shift)).isLessThanOrEqualTo(366);
        long lengthBefore = orig.getPeriod().getEnd().getTime() - orig.getPeriod().getStart().getTime();
        long lengthAfter = e.getPeriod().getEnd().getTime() - e.getPeriod().getStart().getTime();
        assertThat(Math.abs(lengthAfter - lengthBefore)).isLessThanOrEqualTo(3_600_000L); // DST only
        Observation obs = (Observation) ((Bundle) a.resource()).getEntry().get(3).getResource();
        long obsShift = ChronoUnit.DAYS.between(
                ((Observation) in.getEntry().get(3).getResource()).getEffectiveDateTimeType().getValue().toInstant(),
                obs.getEffectiveDateTimeType().getValue().toInstant());
        assertThat(obsShift).isEqualTo(shift);
        // the same patient gets the same offset in another request (keyed, not random)
        Encounter e2 = (Encounter) entry(b, "Encounter");
        assertThat(e2.getPeriod().getStart()).isEqualTo(e.getPeriod().getStart());
        // free text dates move by the same offset
        String attachment = new String(((DocumentReference) entry(a, "DocumentReference")).getContentFirstRep()
                .getAttachment().getData(), StandardCharsets.UTF_8);
        String expected = java.time.LocalDate.of(2024, 3, 5).plusDays(shift).toString();
        assertThat(attachment).contains("于" + expected + "入院");
    }

    @Test
    void agesOverEightyNineAreAggregated() {
        DeidentifiedResource out = deid.deidentify(ClinicalBundles.inpatient(), DeidSession.newRequest(SECRETS));
        Observation age = (Observation) ((Bundle) out.resource()).getEntry().get(4).getResource();
        Quantity q = age.getValueQuantity();
        assertThat(q.getValue().intValue()).isEqualTo(90);
        assertThat(q.getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_OR_EQUAL);
    }

    @Test
    void containedResourcesGetTheRules() {
        DeidentifiedResource out = deid.deidentify(ClinicalBundles.inpatient(), DeidSession.newRequest(SECRETS));
        String json = BundleDeidentifier.toJson(out.resource());
        assertThat(json).doesNotContain("SN-PM-556677").contains("[DEVICE_");
    }

    @Test
    void badInputIsRefusedWithAClearMessage() {
        assertThatThrownBy(() -> BundleDeidentifier.parse("hello")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not FHIR");
        assertThatThrownBy(() -> BundleDeidentifier.parse("{\"foo\": 1}")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BundleDeidentifier.parse("{\"resourceType\": \"NoSuchThing\"}"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BundleDeidentifier.parse("{" + " ".repeat(BundleDeidentifier.MAX_JSON_CHARS) + "}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger");
    }

    private static org.hl7.fhir.r4.model.Resource entry(DeidentifiedResource out, String type) {
        return ((Bundle) out.resource()).getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.fhirType().equals(type)).findFirst().orElseThrow();
    }
}
