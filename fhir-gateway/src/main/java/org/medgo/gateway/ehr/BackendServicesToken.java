package org.medgo.gateway.ehr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An access token from the EMR's token endpoint (client credentials + client assertion), cached and
 * replaced before it expires: at 80% of its lifetime, and at the latest 10 s before its end, so that a call
 * never leaves with a token about to lapse. {@link #invalidate()} drops it (the EMR answered 401).
 */
final class BackendServicesToken implements AccessTokens {

    private record Cached(String value, Instant refreshAt) {}

    private final URI tokenUri;
    private final String clientId;
    private final String scopes;
    private final ClientAssertion assertion;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private Cached cached;

    BackendServicesToken(URI tokenUri, String clientId, String scopes, ClientAssertion assertion, HttpClient http, Duration timeout,
            Clock clock) {
        this.tokenUri = tokenUri;
        this.clientId = clientId;
        this.scopes = scopes;
        this.assertion = assertion;
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public synchronized String accessToken() {
        if (cached == null || !clock.instant().isBefore(cached.refreshAt())) {
            cached = fetch();
        }
        return cached.value();
    }

    @Override
    public synchronized void invalidate() {
        cached = null;
    }

    private Cached fetch() {
        // client_id is optional in RFC 7523 but some servers (Spring Authorization Server) require it
        Map<String, String> form = Map.of("grant_type", "client_credentials", "scope", scopes, "client_id", clientId,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion.sign());
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EhrUnavailableException("the EMR token endpoint cannot be reached: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EhrUnavailableException("interrupted while asking the EMR for a token", e);
        }
        if (response.statusCode() != 200) {
            // the body of a token error names the OAuth error code only (RFC 6749 §5.2), never a secret
            throw new EhrUnavailableException("the EMR token endpoint answered " + response.statusCode() + ": "
                    + abbreviate(response.body()), null);
        }
        try {
            JsonNode token = json.readTree(response.body());
            String value = token.path("access_token").asText(null);
            if (value == null || value.isBlank()) {
                throw new EhrUnavailableException("the EMR token response has no access_token", null);
            }
            long lifetime = token.path("expires_in").asLong(300);
            long early = Math.max(lifetime / 5, Math.min(10, lifetime / 2));
            return new Cached(value, asked.plusSeconds(lifetime - early));
        } catch (IOException e) {
            throw new EhrUnavailableException("the EMR token response is not JSON", e);
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
