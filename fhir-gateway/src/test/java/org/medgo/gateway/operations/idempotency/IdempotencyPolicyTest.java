package org.medgo.gateway.operations.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;

/** Request-id idempotency as a table: key per client, fingerprint of the normalised input, replay or conflict. */
class IdempotencyPolicyTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -      | -    | A | fresh    | a key never used runs
            job-1  | A    | A | replay   | the same input again gets the first result
            job-1  | B    | A | conflict | another input under a used key is refused, not answered with the other record
            job-1  | none | A | conflict | a row from before fingerprints cannot prove it is the same input
            """)
    void decides(String priorId, String priorHash, String hash, String expected, String why) {
        Optional<PriorCall> prior = priorId == null ? Optional.empty()
                : Optional.of(new PriorCall(priorId, "none".equals(priorHash) ? Optional.empty() : Optional.of(hash(priorHash)), Optional.empty()));

        IdempotencyDecision decision = IdempotencyPolicy.decide(prior, hash(hash));

        String actual = switch (decision) {
            case IdempotencyDecision.Fresh f -> "fresh";
            case IdempotencyDecision.Replay r -> "replay";
            case IdempotencyDecision.Conflict c -> "conflict";
        };
        assertThat(actual).as(why).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            emr  | dr-1 | client:emr | the authenticated client owns its request ids
            -    | dr-1 | user:dr-1  | without a client id, the user
            ''   | -    | ''         | security off: one shared space
            """)
    void keysBelongToTheirClient(String client, String user, String expected, String why) {
        assertThat(IdempotencyKey.of(new Requester(client, user), "r-1")).as(why).isEqualTo(new IdempotencyKey(expected, "r-1"));
    }

    @Test
    void theSameRecordAsXmlOrWithOtherWhitespaceIsTheSameInput() {
        Bundle record = SyntheticRecords.english(3, true).bundle();
        Bundle viaXml = FhirHttp.FHIR.newXmlParser().parseResource(Bundle.class, FhirHttp.FHIR.newXmlParser().encodeResourceToString(record));
        Bundle viaPrettyJson = FhirHttp.FHIR.newJsonParser().parseResource(Bundle.class,
                FhirHttp.FHIR.newJsonParser().setPrettyPrint(true).encodeResourceToString(record));
        String fingerprint = InputFingerprint.of("SUMMARIZE", Optional.empty(), record);

        assertThat(InputFingerprint.of("SUMMARIZE", Optional.empty(), viaXml)).isEqualTo(fingerprint);
        assertThat(InputFingerprint.of("SUMMARIZE", Optional.empty(), viaPrettyJson)).isEqualTo(fingerprint);
        assertThat(InputFingerprint.of("SUMMARIZE", Optional.of("zh"), record)).as("another language").isNotEqualTo(fingerprint);
        assertThat(InputFingerprint.of("ENCOUNTER_DIFFERENTIAL", Optional.empty(), record)).as("another operation").isNotEqualTo(fingerprint);
        assertThat(InputFingerprint.of("SUMMARIZE", Optional.empty(), SyntheticRecords.english(4, true).bundle()))
                .as("another record").isNotEqualTo(fingerprint);
    }

    private static String hash(String name) {
        return "A".equals(name) ? A : B;
    }
}
