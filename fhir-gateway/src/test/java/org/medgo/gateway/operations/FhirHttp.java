package org.medgo.gateway.operations;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The tests' one HTTP client: the gateway is called the way an EMR, a browser or an attacker calls it, with
 * any method and headers. A path is relative to the FHIR base ({@code Composition/1}), to the server root
 * when it starts with {@code /} ({@code /actuator/health}), or a whole URL.
 */
public final class FhirHttp {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String root;

    public FhirHttp(int port) {
        this.root = "http://localhost:" + port;
    }

    public String base() {
        return root + "/fhir";
    }

    public HttpResponse<String> post(String path, IBaseResource body, Map<String, String> headers) throws Exception {
        return post(path, FHIR.newJsonParser().encodeResourceToString(body), "application/fhir+json", headers);
    }

    /** FHIR JSON unless {@code headers} name another Content-Type. */
    public HttpResponse<String> post(String path, String json, Map<String, String> headers) throws Exception {
        return post(path, json, "application/fhir+json", headers);
    }

    /** {@code contentType} unless {@code headers} name another. */
    public HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers) throws Exception {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.put("Content-Type", contentType);
        h.putAll(headers);
        return send("POST", path, HttpRequest.BodyPublishers.ofString(body), h);
    }

    public HttpResponse<String> get(String pathOrUrl) throws Exception {
        return get(pathOrUrl, Map.of());
    }

    public HttpResponse<String> get(String pathOrUrl, Map<String, String> headers) throws Exception {
        return send("GET", pathOrUrl, HttpRequest.BodyPublishers.noBody(), headers);
    }

    public HttpResponse<String> delete(String pathOrUrl) throws Exception {
        return send("DELETE", pathOrUrl, HttpRequest.BodyPublishers.noBody(), Map.of());
    }

    public HttpResponse<String> send(String method, String pathOrUrl, HttpRequest.BodyPublisher body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofMinutes(5)).method(method, body);
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static <T extends IBaseResource> T parse(Class<T> type, HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(type, response.body());
    }

    private URI uri(String pathOrUrl) {
        if (pathOrUrl.startsWith("http")) return URI.create(pathOrUrl);
        return URI.create(pathOrUrl.startsWith("/") ? root + pathOrUrl : base() + "/" + pathOrUrl);
    }
}
