package org.medgo.gateway.fhir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * FHIR interoperability settings ({@code medgo.fhir.*}).
 *
 * @param igDir         folder of FHIR NPM packages ({@code .tgz}: US Core, IPS, a national core) whose profiles,
 *                      value sets and code systems the input is validated against; empty = R4 core only
 * @param publicBaseUrl the gateway's address as clients see it (behind a proxy or ingress), e.g.
 *                      {@code https://medgo.hospital.org}; empty = from the request (and its forwarded headers)
 * @param ehrBaseUrl    the EMR's FHIR base, e.g. {@code https://emr.hospital.org/fhir}: references to the
 *                      received Patient/Encounter/DiagnosticReport are made absolute to it when the input's
 *                      fullUrls do not name one (urn:uuid); empty = taken from the input only
 */
@Validated
@ConfigurationProperties("medgo.fhir")
public record FhirProperties(String igDir, String publicBaseUrl, String ehrBaseUrl) {

    public FhirProperties {
        igDir = blankToNull(igDir);
        publicBaseUrl = withoutTrailingSlash(blankToNull(publicBaseUrl));
        ehrBaseUrl = withoutTrailingSlash(blankToNull(ehrBaseUrl));
        if (igDir != null && !Files.isDirectory(Path.of(igDir))) {
            throw new IllegalArgumentException("MEDGO_FHIR_IG_DIR is not a folder: " + igDir);
        }
        requireHttpUrl("MEDGO_PUBLIC_BASE_URL", publicBaseUrl);
        requireHttpUrl("MEDGO_EHR_BASE_URL", ehrBaseUrl);
    }

    private static void requireHttpUrl(String name, String url) {
        if (url == null) return;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a URL: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(name + " must be an http(s) URL without query or fragment: " + url);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String withoutTrailingSlash(String s) {
        return s == null ? null : s.replaceAll("/+$", "");
    }
}
