package org.medgo.gateway.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;
import org.medgo.gateway.BuildVersion;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HAPI FHIR R4 server at {@code /fhir}. Other features contribute to it through Spring beans
 * (resource providers, {@code @Interceptor} beans, {@link FhirServerCustomizer}s) without touching this class.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

    static final String SOFTWARE_NAME = "MedGo Gateway";

    @Bean
    FhirContext fhirContext() {
        FhirContext fhir = FhirContext.forR4Cached();
        // a Provenance names the exact version of each source it was written from (e.g. the EMR's
        // Observation/7/_history/2): HAPI would strip versions from every reference when encoding
        fhir.getParserOptions().setDontStripVersionsFromReferencesAtPaths("Provenance.entity.what");
        return fhir;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(
            FhirContext fhirContext,
            List<IResourceProvider> resourceProviders,
            ApplicationContext beans,
            ObjectProvider<FhirServerCustomizer> customizers,
            PublicBaseUrl publicBaseUrl) {
        RestfulServer server = new RestfulServer(fhirContext);
        server.setServerName(SOFTWARE_NAME);
        server.setServerVersion(BuildVersion.current());
        server.setImplementationDescription("MedGo Gateway FHIR R4 API");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setServerAddressStrategy(publicBaseUrl);
        // no paging provider: searches page in the database and HAPI writes stateless _offset links (SearchPage)
        server.setDefaultPageSize(SearchPage.DEFAULT_COUNT);
        server.setMaximumPageSize(SearchPage.MAX_COUNT);
        server.registerProviders(List.copyOf(resourceProviders));
        server.registerInterceptor(new HideInternalErrorsInterceptor());
        server.registerInterceptor(new UnsupportedSearchParameters());
        beans.getBeansWithAnnotation(Interceptor.class).values().forEach(server::registerInterceptor);
        customizers.orderedStream().forEach(customizer -> customizer.customize(server));

        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        // initialise at start-up, so a broken provider stops the start instead of the first request
        registration.setLoadOnStartup(1);
        return registration;
    }
}
