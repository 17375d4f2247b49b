package org.medgo.gateway.security.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Demo profile (no issuer configured): the embedded authorization server issues {@code demo-ehr} a
 * client_credentials token the FHIR API accepts; a wrong secret or a scope the client lacks gets none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url=", "medgo.security.enabled=true"})
class DemoClientCredentialsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void demoEhrGetsASystemTokenTheApiAccepts() throws Exception {
        HttpResponse<String> token = token("demo-ehr:demo-ehr-secret", "system/Composition.crs system/Encounter.r");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode body = new ObjectMapper().readTree(token.body());
        String access = body.get("access_token").asText();
        assertThat(body.get("token_type").asText()).isEqualToIgnoringCase("Bearer");

        HttpResponse<String> search = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Composition?status=preliminary"))
                .header("Authorization", "Bearer " + access).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/Composition")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(401);

        assertThat(token("demo-ehr:wrong", "system/Composition.crs").statusCode()).isEqualTo(401);
        assertThat(token("demo-ehr:demo-ehr-secret", "user/Composition.u").statusCode()).as("scope not registered").isEqualTo(400);
    }

    private HttpResponse<String> token(String credentials, String scope) throws Exception {
        String form = "grant_type=client_credentials&scope=" + java.net.URLEncoder.encode(scope, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
