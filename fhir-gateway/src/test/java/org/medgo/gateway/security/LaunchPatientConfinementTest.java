package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15 V4 with signed tokens: a user/ token launched for patient A reads and decides only A's drafts;
 * before, it read, searched and approved patient B's.
 */
@SecuredGatewayTest
class LaunchPatientConfinementTest {

    @LocalServerPort
    int port;

    @Test
    void aTokenLaunchedForOnePatientDecidesOnlyItsDrafts() throws Exception {
        FhirHttp http = new FhirHttp(port);
        SyntheticRecords.Record a = SyntheticRecords.english(81, true);
        SyntheticRecords.Record b = SyntheticRecords.english(82, true);
        String draftA = summarize(http, a);
        String draftB = summarize(http, b);
        Map<String, String> launchedForA = bearer(INSTANCE.token("launch/patient user/Composition.rus user/Encounter.r",
                t -> t.claim("patient", a.patientId()).claim("fhirUser", "Practitioner/dr-li")));

        assertThat(http.get("Composition/" + draftB, launchedForA).statusCode()).as("B's draft").isEqualTo(403);
        assertThat(http.get("Composition/" + draftB + "/$document", launchedForA).statusCode()).as("B's document").isEqualTo(403);
        assertThat(http.get("Composition?patient=" + b.patientId(), launchedForA).statusCode()).as("B's drafts by search").isEqualTo(403);
        assertThat(http.post("Composition/" + draftB + "/$approve", new Parameters(), launchedForA).statusCode()).as("approving B's").isEqualTo(403);

        assertThat(http.get("Composition/" + draftA, launchedForA).statusCode()).isEqualTo(200);
        HttpResponse<String> approved = http.post("Composition/" + draftA + "/$approve", new Parameters(), launchedForA);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(http.get("Composition/" + draftB, bearer(INSTANCE.token("user/Composition.r"))).statusCode()).as("without a launch patient").isEqualTo(200);
    }

    private static String summarize(FhirHttp http, SyntheticRecords.Record record) throws Exception {
        HttpResponse<String> created = http.post("Encounter/$summarize", record.bundle(),
                bearer(INSTANCE.token("system/Composition.crs system/Encounter.r")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
    }
}
