package org.medgo.gateway.operations.conformance;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code GET /fhir/StructureDefinition[/id][?url=]} and {@code /fhir/CodeSystem}: the gateway's own definitions. */
@Configuration(proxyBeanMethods = false)
class ConformanceResourceProviders {

    /** Read and search by canonical {@code url} over a fixed list; readable without a token (like metadata). */
    public static final class Published implements IResourceProvider {
        private final Class<? extends MetadataResource> type;
        private final List<? extends MetadataResource> resources;

        Published(Class<? extends MetadataResource> type, List<? extends MetadataResource> resources) {
            this.type = type;
            this.resources = resources;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        @Read
        public MetadataResource read(@IdParam IdType id) {
            return resources.stream().filter(r -> r.getIdElement().getIdPart().equals(id.getIdPart())).findFirst()
                    .orElseThrow(() -> new ResourceNotFoundException(id));
        }

        @Search
        public List<MetadataResource> search(@OptionalParam(name = StructureDefinition.SP_URL) UriParam url) {
            return resources.stream().filter(r -> url == null || r.getUrl().equals(url.getValue()))
                    .map(MetadataResource.class::cast).toList();
        }
    }

    @Bean
    IResourceProvider publishedStructureDefinitions() {
        return new Published(StructureDefinition.class, GatewayConformance.extensions());
    }

    @Bean
    IResourceProvider publishedCodeSystems() {
        return new Published(CodeSystem.class, GatewayConformance.codeSystems());
    }
}
