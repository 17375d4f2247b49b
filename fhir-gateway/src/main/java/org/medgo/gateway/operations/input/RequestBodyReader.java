package org.medgo.gateway.operations.input;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.medgo.gateway.operations.OperationsProperties;
import org.springframework.stereotype.Component;

/**
 * Reads an operation's body itself (the operations use HAPI's manual request mode): size cap before
 * parsing (413), media type (415), strict UTF-8, no DTDs in XML (400: XXE and entity expansion are refused
 * before the parser sees them; HAPI's StAX factory also has external entities off), a Bundle or a
 * Parameters holding one in {@code bundle}, the entry cap (413, counted by {@link EntryCount} before parsing).
 */
@Component
public class RequestBodyReader {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern DTD = Pattern.compile("<!\\s*(DOCTYPE|ENTITY)", Pattern.CASE_INSENSITIVE);

    private final FhirContext fhir;
    private final OperationsProperties limits;

    RequestBodyReader(FhirContext fhir, OperationsProperties limits) {
        this.fhir = fhir;
        this.limits = limits;
    }

    public OperationInput read(HttpServletRequest request) {
        parserFor(request.getContentType(), "");  // 415 before reading anything
        String body = readBody(request);
        boolean xml = isXml(request.getContentType());
        if ((xml ? EntryCount.xml(body) : EntryCount.json(body)) > limits.maxBundleEntries()) {
            throw new PayloadTooLargeException("the Bundle has more than " + limits.maxBundleEntries()
                    + " entries (MEDGO_OPERATIONS_MAX_BUNDLE_ENTRIES): send the resources of one encounter rather than the "
                    + "patient's whole history, or have the limit raised");
        }
        IBaseResource resource = parse(request.getContentType(), body);
        Bundle bundle;
        Optional<String> language = Optional.empty();
        Optional<String> requestId = Optional.empty();
        if (resource instanceof Bundle b) {
            bundle = b;
        } else if (resource instanceof Parameters parameters) {
            bundle = parameters.getParameter().stream()
                    .filter(p -> "bundle".equals(p.getName()) && p.getResource() instanceof Bundle)
                    .map(p -> (Bundle) p.getResource())
                    .findFirst()
                    .orElseThrow(() -> new InvalidRequestException("Parameters must hold the record as a Bundle in parameter 'bundle'"));
            language = primitive(parameters, "language");
            requestId = primitive(parameters, "requestId");
        } else {
            throw new InvalidRequestException("the body must be a Bundle or a Parameters holding one in parameter 'bundle'");
        }
        language = language.map(l -> l.toLowerCase(Locale.ROOT));
        if (language.isPresent() && !language.get().matches("en|zh|en-.*|zh-.*")) {
            throw new InvalidRequestException("language must be en or zh");
        }
        String header = request.getHeader("X-Request-Id");
        Optional<String> given = requestId.or(() -> Optional.ofNullable(header).filter(h -> !h.isBlank()));
        if (given.isPresent() && !REQUEST_ID.matcher(given.get()).matches()) {
            throw new InvalidRequestException("the request id must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        return new OperationInput(bundle, language.map(l -> l.substring(0, 2)),
                given.orElseGet(() -> UUID.randomUUID().toString()), given.isPresent(), org.medgo.gateway.audit.Requester.of(request));
    }

    /** Parses a stored body again (async jobs keep the body as received). */
    public IBaseResource parse(String contentType, String body) {
        IParser parser = parserFor(contentType, body);
        try {
            return parser.parseResource(body);
        } catch (RuntimeException e) {
            // parsing touches nothing but the body, so whatever HAPI throws is the body's fault: 400, never a 500.
            // A list of exception types was not enough: an empty JSON property name made HAPI's JsonParser index
            // past the end of "" (StringIndexOutOfBounds), found by the CI fuzz run.
            throw new InvalidRequestException("the body is not a valid FHIR resource");
        }
    }

    private IParser parserFor(String contentType, String body) {
        if (isXml(contentType)) {
            if (DTD.matcher(body).find()) {
                throw new InvalidRequestException("XML with a DOCTYPE or ENTITY declaration is not accepted");
            }
            return fhir.newXmlParser();
        }
        return fhir.newJsonParser();
    }

    /** The media type's format; anything but the FHIR JSON and XML types (and their generic forms) is a 415. */
    private static boolean isXml(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "application/fhir+json", "application/json", "application/json+fhir" -> false;
            case "application/fhir+xml", "application/xml", "application/xml+fhir", "text/xml" -> true;
            default -> throw new UnsupportedMediaTypeException(
                    "send application/fhir+json or application/fhir+xml (got " + (type.isEmpty() ? "no Content-Type" : "another media type") + ")");
        };
    }

    private String readBody(HttpServletRequest request) {
        long max = limits.maxBodyBytes();
        if (request.getContentLengthLong() > max) {
            throw new PayloadTooLargeException(BodySizeLimit.tooLarge(max));
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > max) {
                    throw new PayloadTooLargeException(BodySizeLimit.tooLarge(max));
                }
                out.write(buf, 0, n);
            }
            if (out.size() == 0) {
                throw new InvalidRequestException("the body is empty");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("the body is not UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<String> primitive(Parameters parameters, String name) {
        return parameters.getParameter().stream()
                .filter(p -> name.equals(p.getName()) && p.getValue() instanceof PrimitiveType<?>)
                .map(p -> ((PrimitiveType<?>) p.getValue()).getValueAsString())
                .filter(v -> v != null && !v.isBlank())
                .findFirst();
    }
}
