package org.medgo.gateway.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.medgo.gateway.fhir.PublicBaseUrl;

/** Writes responses of the manual-response operations: JSON unless the caller asks for XML. */
public final class FhirResponses {

    private FhirResponses() {}

    public static void write(FhirContext fhir, HttpServletRequest request, HttpServletResponse response, int status, IBaseResource resource) {
        write(response, status, encode(fhir, request, resource));
    }

    /** A response body, serialised before the headers are written (so its time can be one of them). */
    public record Encoded(String contentType, String body) {}

    /** JSON unless the caller asks for XML. */
    public static Encoded encode(FhirContext fhir, HttpServletRequest request, IBaseResource resource) {
        boolean xml = wantsXml(request);
        IParser parser = xml ? fhir.newXmlParser() : fhir.newJsonParser();
        return new Encoded(xml ? "application/fhir+xml;charset=utf-8" : "application/fhir+json;charset=utf-8",
                parser.encodeResourceToString(resource));
    }

    public static void write(HttpServletResponse response, int status, Encoded encoded) {
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(encoded.contentType());
        try (Writer w = response.getWriter()) {
            w.write(encoded.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The FHIR server base as clients see it, e.g. {@code https://medgo.hospital.org/fhir} ({@link PublicBaseUrl}). */
    public static String serverBase(HttpServletRequest request) {
        if (request.getAttribute(PublicBaseUrl.ATTRIBUTE) instanceof String base) {
            return base;
        }
        String url = request.getRequestURL().toString();
        String path = request.getContextPath() + request.getServletPath();
        int at = url.indexOf(path, url.indexOf("//") + 2);
        return at < 0 ? url : url.substring(0, at + path.length());
    }

    private static boolean wantsXml(HttpServletRequest request) {
        String format = request.getParameter("_format");
        if (format != null) {
            return format.toLowerCase(Locale.ROOT).contains("xml");
        }
        String accept = request.getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("xml") && !accept.toLowerCase(Locale.ROOT).contains("json");
    }
}
