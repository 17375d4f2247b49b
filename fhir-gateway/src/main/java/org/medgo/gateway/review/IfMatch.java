package org.medgo.gateway.review;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/** The version an {@code If-Match} header names: {@code W/"2"}, {@code "2"} or {@code 2}; null without the header. */
final class IfMatch {

    private IfMatch() {}

    static Integer version(RequestDetails request) {
        String header = request.getHeader("If-Match");
        return header == null || header.isBlank() ? null : parse(header);
    }

    static Integer parse(String header) {
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        try {
            int version = Integer.parseInt(v);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new InvalidRequestException("If-Match must name a version, e.g. W/\"1\" (the ETag of the Composition read)");
    }
}
