package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Read access (and search, see {@link GeneratedResourceSearches}) to what was generated with the Compositions (Conditions, Provenance) and the model Device. */
@Configuration(proxyBeanMethods = false)
class GeneratedResourceProviders {

    /** Read-only provider of one generated resource type. */
    public static class ReadOnly implements IResourceProvider {
        private final Class<? extends Resource> type;
        private final CompositionStore store;

        ReadOnly(Class<? extends Resource> type, CompositionStore store) {
            this.type = type;
            this.store = store;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        CompositionStore store() {
            return store;
        }

        @Read
        public Resource read(@IdParam IdType id) {
            return store.readGenerated(type.getSimpleName(), id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
        }
    }

    @Bean
    IResourceProvider generatedConditions(CompositionStore store) {
        return new GeneratedResourceSearches.Conditions(store);
    }

    @Bean
    IResourceProvider generatedProvenance(CompositionStore store) {
        return new GeneratedResourceSearches.Provenances(store);
    }

    @Bean
    IResourceProvider modelDevices(CompositionStore store) {
        return new ReadOnly(Device.class, store);
    }
}
