package org.medgo.gateway.fhir;

import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * Extension point for the FHIR server: declare a bean of this type to register plain providers
 * (operations on several types), paging, or anything else on the {@link RestfulServer} before it starts.
 * Resource providers ({@code IResourceProvider} beans) and interceptors (beans annotated with HAPI's
 * {@code @Interceptor}) are registered automatically and need no customizer.
 */
@FunctionalInterface
public interface FhirServerCustomizer {

    void customize(RestfulServer server);
}
