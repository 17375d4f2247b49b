package org.medgo.gateway.operations.validation;

import static ca.uhn.fhir.validation.ResultSeverityEnum.ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which validator findings refuse an EMR's record, with the messages HAPI's validator writes. */
class InputIssuePolicyTest {

    @ParameterizedTest(name = "{0} {1}: refuses={4}")
    @CsvSource(delimiter = ';', textBlock = """
            ERROR;   Validation_VAL_Profile_Unknown;  Profile reference 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient' has not been checked because it could not be found; Bundle.entry[0].resource.meta.profile[0]; false
            ERROR;   BUNDLE_BUNDLE_ENTRY_NOTFOUND;    Can't find 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999979096' in the bundle; Bundle.entry[1].resource.participant[0].individual; false
            ERROR;   Reference_REF_CantResolve;       Unable to resolve resource with reference 'Organization?identifier=x|y'; Bundle.entry[1].resource.serviceProvider; false
            ERROR;   Terminology_TX_NoValid_2_CC;     None of the codings provided are in the value set 'AIAST' (http://terminology.hl7.org/CodeSystem/v3-ObservationValue#AIAST'); Composition.meta.security[0]; false
            WARNING; Terminology_TX_NoValid_2_CC;     None of the codings provided are in the value set; Observation.code; false
            ERROR;   Validation_VAL_Profile_Minimum;  Observation.status: minimum required = 1, but only found 0; Bundle.entry[5].resource; true
            FATAL;   ;                                Unrecognized property 'foo'; Bundle.entry[2].resource; true
            ERROR;   Type_Specific_Checks_DT_Date_Valid; Not a valid date (2024-13-45); Bundle.entry[0].resource.birthDate; true
            ERROR;   Terminology_TX_NoValid_3_CC;     The code 'xx' is not in the value set http://hl7.org/fhir/ValueSet/observation-status (required); Observation.status; true
            """)
    void judges(ResultSeverityEnum severity, String messageId, String message, String location, boolean refuses) {
        InputIssuePolicy.Verdict verdict = InputIssuePolicy.judge(new InputIssuePolicy.Finding(severity, messageId, message, location));
        assertThat(verdict.refuses()).isEqualTo(refuses);
        if (refuses) {
            assertThat(verdict.fix()).as("a refusal says what to change, where").contains(location);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', textBlock = """
            Validation_VAL_Profile_Minimum; Observation.status: minimum required = 1, but only found 0; add the missing element
            Terminology_TX_NoValid_3_CC;    The code 'xx' is not in the value set; use a code from the required value set
            ;                               Unrecognized property 'foo'; remove or rename
            """)
    void saysHowToFix(String messageId, String message, String advice) {
        assertThat(InputIssuePolicy.judge(new InputIssuePolicy.Finding(ERROR, messageId, message, "X.y")).fix()).startsWith(advice);
    }

}
