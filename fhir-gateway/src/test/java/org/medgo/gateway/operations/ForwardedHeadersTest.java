package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Behind a reverse proxy (X-Forwarded-Proto/-Host from a trusted address) every link names the public address. */
@GatewayTest
class ForwardedHeadersTest {

    static final Map<String, String> PROXY = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "medgo.hospital.example",
            "X-Forwarded-Port", "443");
    static final String PUBLIC = "https://medgo.hospital.example/fhir";

    @LocalServerPort
    int port;

    @Test
    void linksNameThePublicAddress() throws Exception {
        CapabilityStatement cs = FhirHttp.FHIR.newJsonParser().parseResource(CapabilityStatement.class, get("metadata").body());
        assertThat(cs.getImplementation().getUrl()).isEqualTo(PUBLIC);

        HttpResponse<String> smart = get(".well-known/smart-configuration");
        assertThat(smart.body()).contains("\"https://medgo.hospital.example/").doesNotContain("localhost");

        HttpResponse<String> accepted = new FhirHttp(port).post("Encounter/$summarize", SyntheticRecords.english(77, true).bundle(),
                merge(PROXY, Map.of("Prefer", "respond-async")));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String poll = accepted.headers().firstValue("Content-Location").orElseThrow();
        assertThat(poll).startsWith(PUBLIC + "/$job-status?_jobId=");
        new FhirHttp(port).delete(poll.replace(PUBLIC, new FhirHttp(port).base()));

        // the calls above are audited, so there are at least two events and a page of one has a next link
        // (asked last: as the first test in a fresh context the trail may otherwise hold a single event)
        Bundle page = auditPageOfOne();
        assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).startsWith(PUBLIC + "/AuditEvent?").contains("_offset=1");
        assertThat(page.getEntryFirstRep().getFullUrl()).startsWith(PUBLIC + "/AuditEvent/");
    }

    /** Audit rows are group-committed; wait (bounded) until a second one is visible. */
    private Bundle auditPageOfOne() throws Exception {
        Bundle page = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            page = FhirHttp.FHIR.newJsonParser().parseResource(Bundle.class, get("AuditEvent?_count=1").body());
            if (page.getLink(Bundle.LINK_NEXT) != null) return page;
            Thread.sleep(200);
        }
        return page;
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(new FhirHttp(port).base() + "/" + path)).GET();
        PROXY.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
        java.util.Map<String, String> all = new java.util.HashMap<>(a);
        all.putAll(b);
        return all;
    }
}
