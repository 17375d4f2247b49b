package org.medgo.gateway.security.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 15, lower list (demo profile): the review app's loopback redirect accepted any port, so a listener on
 * another local port could receive a clinician's authorization code. Now only this server's own port is a
 * valid redirect; the refusal is shown by the server, never sent to the other port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"medgo.data-dir=target/medgo-test-data/${random.uuid}", "medgo.db.url=", "medgo.security.enabled=true"})
class DemoLoopbackRedirectTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @Test
    void onlyThisServersOwnPortReceivesTheCode() throws Exception {
        int otherPort = port == 65535 ? 1024 : port + 1;

        HttpResponse<String> elsewhere = authorize("http://127.0.0.1:" + otherPort + "/review/callback.html");
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(400);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> own = authorize("http://127.0.0.1:" + port + "/review/callback.html");
        assertThat(own.statusCode()).as("on to the clinician's login").isEqualTo(302);
        assertThat(own.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    private HttpResponse<String> authorize(String redirect) throws Exception {
        String query = "response_type=code&client_id=review-app&scope=" + URLEncoder.encode("launch user/Composition.rus", StandardCharsets.UTF_8)
                + "&state=s1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/authorize?" + query))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }
}
