package org.medgo.gateway.operations;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** A plain HTTP client for the tests: the gateway is called the way an EMR calls it. */
public final class FhirHttp {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    public FhirHttp(int port) {
        this.base = "http://localhost:" + port + "/fhir";
    }

    public String base() {
        return base;
    }

    public HttpResponse<String> post(String path, IBaseResource body, Map<String, String> headers) throws Exception {
        return post(path, FHIR.newJsonParser().encodeResourceToString(body), "application/fhir+json", headers);
    }

    public HttpResponse<String> post(String path, String body, String contentType, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/" + path)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String pathOrUrl) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofMinutes(1)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String pathOrUrl) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(uri(pathOrUrl)).timeout(Duration.ofMinutes(1)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static <T extends IBaseResource> T parse(Class<T> type, HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(type, response.body());
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + "/" + pathOrUrl);
    }
}
