package org.medgo.gateway.security;

import java.util.List;
import java.util.Map;

/**
 * What a FHIR request asks to do, as far as scopes are concerned: the capability statement, an operation
 * ({@code $summarize} on {@code Encounter}), or an interaction on a resource type (none for system-level
 * interactions such as a transaction), with the search parameters that may name the patient.
 */
public record AccessRequest(Kind kind, String resourceType, Interaction interaction, String operation,
                            Map<String, List<String>> searchParameters) {

    public enum Kind { METADATA, OPERATION, INTERACTION }

    public AccessRequest {
        searchParameters = Map.copyOf(searchParameters);
    }

    public static AccessRequest metadata() {
        return new AccessRequest(Kind.METADATA, null, null, null, Map.of());
    }

    /** {@code resourceType}: the type the operation is invoked on, null on the server. */
    public static AccessRequest operation(String name, String resourceType) {
        return new AccessRequest(Kind.OPERATION, resourceType, null, name, Map.of());
    }

    public static AccessRequest interaction(String resourceType, Interaction interaction, Map<String, List<String>> searchParameters) {
        return new AccessRequest(Kind.INTERACTION, resourceType, interaction, null, searchParameters);
    }
}
