package org.medgo.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.gateway.security.TestIssuer.INSTANCE;
import static org.medgo.gateway.security.TestIssuer.bearer;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.medgo.gateway.operations.FhirHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hostile input and exposure with security on: XXE, 10,000-deep JSON, a 50 MB body, CORS from an
 * unlisted origin, actuator beyond health/prometheus, SMART discovery; no error carries a stack trace.
 */
@SecuredGatewayTest
class HardeningTest {

    @LocalServerPort
    int port;

    private Map<String, String> emr() throws Exception {
        return bearer(INSTANCE.token(ScopeEnforcementTest.EMR));
    }

    @Test
    void xxeIsNotResolved() throws Exception {
        String xxe = """
                <?xml version="1.0"?><!DOCTYPE Bundle [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><entry><resource><Patient><id value="p"/>
                <name><family value="&xxe;"/></name></Patient></resource></entry></Bundle>""";
        Map<String, String> h = new HashMap<>(emr());
        h.put("Content-Type", "application/fhir+xml");
        HttpResponse<String> r = new FhirHttp(port).post("/fhir/Encounter/$summarize", xxe, h);
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("root:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void tenThousandDeepNestingIsRefused() throws Exception {
        String deep = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        HttpResponse<String> r = new FhirHttp(port).post("/fhir/Encounter/$summarize", deep, emr());
        assertThat(r.statusCode()).isBetween(400, 499);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aFiftyMegabyteBodyIs413() throws Exception {
        // a raw socket: the server may answer and close before the client has sent it all, as it should
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(60_000);
            var out = socket.getOutputStream();
            out.write(("POST /fhir/Encounter/$summarize HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\n"
                    + "Authorization: " + emr().get("Authorization") + "\r\nContent-Length: " + (50L * 1024 * 1024) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1024 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 50; i++) out.write(chunk);
                out.flush();
            } catch (java.io.IOException refusedMidway) {
                // the server stopped reading: what it answered is still in the socket
            }
            String response = new String(socket.getInputStream().readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(response).doesNotContain("Exception");
        }
    }

    @Test
    void corsAnswersOnlyConfiguredOrigins() throws Exception {
        FhirHttp http = new FhirHttp(port);
        Map<String, String> evil = Map.of("Origin", "https://evil.test", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        HttpResponse<String> refused = http.send("OPTIONS", "/fhir/Composition", HttpRequest.BodyPublishers.noBody(), evil);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(refused.statusCode()).isEqualTo(403);
        Map<String, String> emr = Map.of("Origin", "https://emr.hospital.test", "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "authorization");
        HttpResponse<String> allowed = http.send("OPTIONS", "/fhir/Composition", HttpRequest.BodyPublishers.noBody(), emr);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://emr.hospital.test");
    }

    @Test
    void onlyHealthAndPrometheusAreExposed() throws Exception {
        FhirHttp http = new FhirHttp(port);
        assertThat(http.get("/actuator/health", Map.of()).statusCode()).isEqualTo(200);
        // Spring Boot tests switch metrics export off (prometheus answers 404 here, 200 in the app): only "not refused" is checked
        assertThat(http.get("/actuator/prometheus", Map.of()).statusCode()).isNotIn(401, 403);
        for (String path : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops", "/actuator/loggers", "/actuator/mappings"}) {
            HttpResponse<String> r = http.get(path, bearer(INSTANCE.token("system/*.cruds")));
            assertThat(r.statusCode()).as(path).isIn(401, 403, 404);
            assertThat(r.body()).as(path).doesNotContain("Exception").doesNotContain("password");
        }
    }

    @Test
    void metadataAndSmartDiscoveryArePublic() throws Exception {
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> smart = http.get("/fhir/.well-known/smart-configuration", Map.of());
        assertThat(smart.statusCode()).isEqualTo(200);
        assertThat(smart.body()).contains("\"code_challenge_methods_supported\":[\"S256\"]").contains("launch-ehr")
                .contains("permission-v2").contains("client-confidential-symmetric").contains(TestIssuer.ISSUER + "/protocol/openid-connect/token");
        HttpResponse<String> metadata = http.get("/fhir/metadata?_format=json", Map.of());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains(CapabilityStatementSecurity.OAUTH_URIS).contains("SMART-on-FHIR");
    }
}
