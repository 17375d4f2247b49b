package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Bad input is refused with an OperationOutcome and the right status, before it reaches the model. */
@GatewayTest
class InputRejectionTest {

    @LocalServerPort
    int port;

    @Autowired
    CapturingInferenceObserver modelBoundary;

    @TempDir
    Path temp;

    @Test
    void aBodyThatIsNotFhirJsonOrXmlIs415() throws Exception {
        assertRefused(http().post("Encounter/$summarize", "name=x", "application/x-www-form-urlencoded", Map.of()), 415);
        assertRefused(http().post("Encounter/$summarize", "hello", "text/plain", Map.of()), 415);
    }

    @Test
    void malformedFhirIs400() throws Exception {
        assertRefused(http().post("Encounter/$summarize", "{\"resourceType\":\"Bundle\",", "application/fhir+json", Map.of()), 400);
        assertRefused(http().post("Encounter/$summarize", "{\"resourceType\":\"Patient\"}", "application/fhir+json", Map.of()), 400);
    }

    @Test
    void aBodyOverTheSizeCapIs413() throws Exception {
        String big = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}";
        assertRefused(http().post("Encounter/$summarize", big, "application/fhir+json", Map.of()), 413);
    }

    @Test
    void aBundleOverTheEntryCapIs413() throws Exception {
        Bundle bundle = SyntheticRecords.english(6, true).bundle();
        for (int i = 0; i < 1000; i++) {
            bundle.addEntry().setResource(new Observation().setStatus(Observation.ObservationStatus.FINAL));
        }
        assertRefused(http().post("Encounter/$summarize", bundle, Map.of()), 413);
    }

    @Test
    void aRecordThatFailsR4ValidationIs422() throws Exception {
        Bundle bundle = SyntheticRecords.english(7, true).bundle();
        bundle.addEntry().setFullUrl("urn:uuid:0d3a0a43-05b3-4f5f-a1e0-8d0f6cf0a001").setResource(new Observation()); // no status, no code
        HttpResponse<String> r = http().post("Encounter/$summarize", bundle, Map.of());
        assertRefused(r, 422);
        assertThat(r.body()).contains("Observation");
    }

    @Test
    void aRecordWithoutItsFocalResourceIs422() throws Exception {
        Bundle bundle = SyntheticRecords.english(8, true).bundle();
        bundle.getEntry().removeIf(e -> e.getResource().fhirType().equals("DiagnosticReport"));
        assertRefused(http().post("DiagnosticReport/$differential", bundle, Map.of()), 422);
    }

    @Test
    void xmlWithExternalEntitiesOrEntityExpansionIsRefusedAndNothingIsRead() throws Exception {
        Path secret = temp.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&x;\"/><type value=\"collection\"/></Bundle>";
        HttpResponse<String> r = http().post("Encounter/$summarize", xxe, "application/fhir+xml", Map.of());
        assertRefused(r, 400);
        assertThat(r.body()).doesNotContain("TOP-SECRET");

        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"&d;\"/><type value=\"collection\"/></Bundle>";
        assertRefused(http().post("Encounter/$summarize", laughs, "application/fhir+xml", Map.of()), 400);
    }

    @Test
    void hapisXmlParserItselfDoesNotResolveExternalEntities() throws Exception {
        // second line of defence, below our DOCTYPE check: HAPI's StAX factory
        Path secret = temp.resolve("secret2.txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<Bundle xmlns=\"http://hl7.org/fhir\"><id value=\"a\"/><type value=\"collection\"/><entry><fullUrl value=\"&x;\"/></entry></Bundle>";
        String parsed;
        try {
            parsed = FhirHttp.FHIR.newJsonParser().encodeResourceToString(FhirHttp.FHIR.newXmlParser().parseResource(xxe));
        } catch (RuntimeException refused) {
            parsed = "";
        }
        assertThat(parsed).doesNotContain("TOP-SECRET");
    }

    @Test
    void nothingRefusedReachesTheModel() throws Exception {
        int mark = modelBoundary.mark();
        aRecordThatFailsR4ValidationIs422();
        aBundleOverTheEntryCapIs413();
        assertThat(modelBoundary.since(mark)).isEmpty();
    }

    private FhirHttp http() {
        return new FhirHttp(port);
    }

    private static void assertRefused(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        boolean xml = r.headers().firstValue("Content-Type").orElse("").contains("xml");
        OperationOutcome oo = (xml ? FhirHttp.FHIR.newXmlParser() : FhirHttp.FHIR.newJsonParser()).parseResource(OperationOutcome.class, r.body());
        assertThat(oo.getIssueFirstRep().getSeverity()).isIn(OperationOutcome.IssueSeverity.ERROR, OperationOutcome.IssueSeverity.FATAL);
        assertThat(r.body()).doesNotContain("at org.").doesNotContain("Exception");
    }
}
