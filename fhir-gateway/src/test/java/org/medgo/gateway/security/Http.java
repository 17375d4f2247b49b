package org.medgo.gateway.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Raw HTTP with any headers, as a browser or an attacker sends it. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;

    Http(int port) {
        this.root = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofMinutes(1)).GET();
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofMinutes(5)).method(method, body);
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        java.util.HashMap<String, String> h = new java.util.HashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/fhir+json");
        return send("POST", path, HttpRequest.BodyPublishers.ofString(json), h);
    }
}
