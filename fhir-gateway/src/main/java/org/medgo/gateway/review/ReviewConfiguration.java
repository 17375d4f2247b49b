package org.medgo.gateway.review;

import org.medgo.gateway.fhir.FhirServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers the review operations on the FHIR server (a plain provider: Composition has its resource provider). */
@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    @Bean
    FhirServerCustomizer reviewOperations(CompositionReview review) {
        ReviewOperationsProvider provider = new ReviewOperationsProvider(review);
        return server -> server.registerProvider(provider);
    }
}
