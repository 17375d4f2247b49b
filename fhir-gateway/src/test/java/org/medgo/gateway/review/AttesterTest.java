package org.medgo.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 15 V6 as a table: which fhirUser values may sign a draft, and the reference they sign as. */
class AttesterTest {

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Practitioner/dr-zhang                                   | Practitioner/dr-zhang                                   | a local Practitioner
            PractitionerRole/cardiology-1                           | PractitionerRole/cardiology-1                           | a local PractitionerRole
            https://ehr.hospital.test/fhir/Practitioner/dr-zhang    | https://ehr.hospital.test/fhir/Practitioner/dr-zhang    | another server's Practitioner stays absolute
            x/Practitioner/chief-of-medicine                        | -                                                       | a sub shaped like a path is no fhirUser
            Patient/p1                                              | -                                                       | a patient cannot attest
            RelatedPerson/r1                                        | -                                                       | nor a relative
            Person/u1                                               | -                                                       | nor a Person
            dr-zhang                                                | -                                                       | a bare user name
            http://ehr.hospital.test/fhir/Practitioner/dr-zhang     | -                                                       | not over plain http
            Practitioner/dr zhang                                   | -                                                       | not an id
            Practitioner/                                           | -                                                       | no id
            ''                                                      | -                                                       | empty
            """)
    void signsAs(String fhirUser, String expected, String why) {
        assertThat(Attester.of(fhirUser).map(Reference::getReference).orElse(null)).as(why).isEqualTo(expected);
    }
}
