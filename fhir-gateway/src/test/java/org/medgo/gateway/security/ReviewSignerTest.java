package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.SyntheticRecords;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Issue 15 V6 with signed tokens: only a fhirUser naming a Practitioner or PractitionerRole signs a draft. */
@SecuredGatewayTest
class ReviewSignerTest {

    static final String REVIEWER = "user/Composition.rus";

    @LocalServerPort
    int port;

    @Test
    void onlyAPractitionerFhirUserSigns() throws Exception {
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> created = http.post("Encounter/$summarize", SyntheticRecords.english(71, true).bundle(),
                bearer(INSTANCE.token("system/Composition.crs system/Encounter.r")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = created.headers().firstValue("Content-Location").orElseThrow().replaceAll(".*/Composition/", "").replaceAll("/_history.*", "");
        String approve = "Composition/" + id + "/$approve";
        Parameters none = new Parameters();

        HttpResponse<String> subOnly = http.post(approve, none, bearer(INSTANCE.token(REVIEWER, b -> b.subject("x/Practitioner/chief-of-medicine"))));
        assertThat(subOnly.statusCode()).as("a sub is no attester: " + subOnly.body()).isEqualTo(403);
        HttpResponse<String> patient = http.post(approve, none, bearer(INSTANCE.token(REVIEWER, b -> b.claim("fhirUser", "Patient/p1"))));
        assertThat(patient.statusCode()).as("a Patient cannot attest: " + patient.body()).isEqualTo(403);

        String remote = "https://ehr.hospital.test/fhir/Practitioner/dr-zhang";
        HttpResponse<String> signed = http.post(approve, none, bearer(INSTANCE.token(REVIEWER, b -> b.claim("fhirUser", remote))));
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
        Composition approved = FhirHttp.parse(Composition.class, signed);
        assertThat(approved.getAttesterFirstRep().getParty().getReference()).as("kept absolute, not collapsed").isEqualTo(remote);
    }
}
