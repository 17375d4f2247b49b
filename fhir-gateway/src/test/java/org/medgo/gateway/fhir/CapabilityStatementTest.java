package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.BuildVersion;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@GatewayTest
class CapabilityStatementTest {

    @LocalServerPort
    int port;

    @Test
    void metadataDescribesAnR4ServerNamedMedGoGatewayWithTheBuildVersion() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/fhir/metadata"))
                        .header("Accept", "application/fhir+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        CapabilityStatement capabilities =
                FhirContext.forR4Cached().newJsonParser().parseResource(CapabilityStatement.class, response.body());
        assertThat(capabilities.getFhirVersion()).isEqualTo(FHIRVersion._4_0_1);
        assertThat(capabilities.getSoftware().getName()).isEqualTo("MedGo Gateway");
        assertThat(capabilities.getSoftware().getVersion()).isEqualTo(BuildVersion.current()).isNotEqualTo("dev");
        assertThat(capabilities.getImplementation().getUrl()).isEqualTo("http://localhost:" + port + "/fhir");
    }
}
