package org.medgo.gateway.review;

import org.medgo.gateway.fhir.FhirServerCustomizer;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the review operations and the draft's source record on the FHIR server (a plain provider: Composition has its resource provider). */
@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    @Bean
    FhirServerCustomizer reviewOperations(CompositionReview review) {
        ReviewOperationsProvider provider = new ReviewOperationsProvider(review);
        return server -> server.registerProvider(provider);
    }

    @Bean
    FhirServerCustomizer reviewRecord(CompositionStore store) {
        ReviewRecordProvider provider = new ReviewRecordProvider(store);
        return server -> server.registerProvider(provider);
    }
}
