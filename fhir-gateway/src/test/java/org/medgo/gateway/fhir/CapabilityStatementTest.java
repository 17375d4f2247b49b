package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;

import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.Map;
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
        HttpResponse<String> response = new FhirHttp(port).get("/fhir/metadata", Map.of("Accept", "application/fhir+json"));

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
