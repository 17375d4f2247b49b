package org.medgo.deidentify.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;

/** A birth date 90+ years back becomes the year now−90, whichever resource holds it and whatever selected it. */
class BirthDateAggregationTest {
    private static final DeidSecrets SECRETS = DeidSecrets.of(new byte[32]);
    private static final String AGGREGATED = String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear() - 90);
    private final BundleDeidentifier deid = BundleDeidentifier.standard();

    @Test
    void patientBirthDateSelectedByARuleIsAggregated() {
        Patient p = new Patient();
        p.setId("p1");
        p.setBirthDateElement(new DateType("1921-06-15"));
        Patient out = (Patient) deid.deidentify(p, DeidSession.newRequest(SECRETS)).resource();
        assertThat(out.getBirthDateElement().getValueAsString()).isEqualTo(AGGREGATED);
    }

    @Test
    void birthDatesNoRuleNamesAreAggregatedByTheirDefinition() {
        Bundle b = new Bundle();
        Practitioner doc = new Practitioner();
        doc.setId("d1");
        doc.setBirthDateElement(new DateType("1925-02-03"));
        RelatedPerson rp = new RelatedPerson();
        rp.setId("r1");
        rp.setBirthDateElement(new DateType("1930-07-08"));
        b.addEntry().setResource(doc);
        b.addEntry().setResource(rp);
        DeidentifiedResource out = deid.deidentify(b, DeidSession.newRequest(SECRETS));
        for (Bundle.BundleEntryComponent e : ((Bundle) out.resource()).getEntry()) {
            Resource r = e.getResource();
            DateType birth = r instanceof Practitioner pr ? pr.getBirthDateElement() : ((RelatedPerson) r).getBirthDateElement();
            assertThat(birth.getValueAsString()).as(r.fhirType()).isEqualTo(AGGREGATED);
        }
        assertThat(out.counts()).containsEntry(PhiType.AGE, 2);
    }

    @Test
    void youngerBirthDatesAndOtherOldDatesAreOnlyShifted() {
        Patient p = new Patient();
        p.setId("p2");
        p.setBirthDateElement(new DateType("1980-06-15"));
        p.setDeceased(new org.hl7.fhir.r4.model.DateTimeType("1920-01-10"));
        Patient out = (Patient) deid.deidentify(p, DeidSession.newRequest(SECRETS)).resource();
        assertThat(out.getBirthDateElement().getValueAsString()).hasSize(10).isNotEqualTo("1980-06-15");
        assertThat(out.getDeceasedDateTimeType().getValueAsString()).hasSize(10).startsWith("19");
    }
}
