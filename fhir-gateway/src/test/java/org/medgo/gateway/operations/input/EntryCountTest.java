package org.medgo.gateway.operations.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;

/** The entry cap's count, taken before parsing (issue 15 V5), from JSON and XML as HAPI writes them. */
class EntryCountTest {

    @Test
    void countsTheEntriesOfABundleAndOfABundleInParameters() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (int i = 0; i < 1001; i++) {
            bundle.addEntry().setResource(new Patient().addIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("p" + i)));
        }
        Parameters wrapped = new Parameters();
        wrapped.addParameter().setName("bundle").setResource(bundle);

        assertThat(EntryCount.json(FhirHttp.FHIR.newJsonParser().encodeResourceToString(bundle))).isEqualTo(1001);
        assertThat(EntryCount.json(FhirHttp.FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(wrapped))).isEqualTo(1001);
        assertThat(EntryCount.xml(FhirHttp.FHIR.newXmlParser().encodeResourceToString(bundle))).isEqualTo(1001);
        assertThat(EntryCount.xml(FhirHttp.FHIR.newXmlParser().encodeResourceToString(wrapped))).isEqualTo(1001);
    }

    @Test
    void anEntryFieldOutsideAnArrayOrInAStringIsNoEntry() {
        assertThat(EntryCount.json("{\"resourceType\":\"Bundle\",\"entry\":[],\"note\":\"entry entry\",\"x\":{\"entry\":{}}}")).isZero();
        assertThat(EntryCount.json("{\"resourceType\":\"Bundle\",\"entry\":[{},[{}],{}]}")).isEqualTo(2);
    }

    @Test
    void whatItCannotReadCountsZeroAndIsLeftToTheParser() {
        assertThat(EntryCount.json("{\"entry\":[{},{")).isZero();
        assertThat(EntryCount.xml("<Bundle><entry>")).isZero();
    }
}
