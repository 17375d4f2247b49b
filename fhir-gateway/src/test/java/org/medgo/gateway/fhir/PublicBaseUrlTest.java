package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** MEDGO_PUBLIC_BASE_URL wins over the request's address; without it the request's (forwarded-aware) address is used. */
class PublicBaseUrlTest {

    @Test
    void theConfiguredPublicAddressIsTheBaseOfEveryLink() {
        MockHttpServletRequest internal = new MockHttpServletRequest("GET", "/fhir/Composition");
        internal.setServerName("10.0.0.7");
        internal.setServerPort(8080);
        PublicBaseUrl configured = new PublicBaseUrl(new FhirProperties(null, "https://medgo.hospital.example/ai/", null));
        assertThat(configured.determineServerBase(null, internal)).isEqualTo("https://medgo.hospital.example/ai/fhir");
        assertThat(configured.root(internal)).isEqualTo("https://medgo.hospital.example/ai");

        PublicBaseUrl fromRequest = new PublicBaseUrl(new FhirProperties(null, null, null));
        assertThat(fromRequest.determineServerBase(null, internal)).isEqualTo("http://10.0.0.7:8080/fhir");
    }
}
