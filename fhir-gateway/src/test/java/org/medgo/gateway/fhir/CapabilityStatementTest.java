package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.OperationDefinition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.BuildVersion;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.FhirHttp;
import org.medgo.gateway.operations.R4CoreValidator;
import org.medgo.gateway.operations.differential.DifferentialMapper;
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

    @Test
    void theCapabilityStatementIsValidR4AndItsDefinitionsAreServed() throws Exception {
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> response = http.get("metadata");
        CapabilityStatement capabilities = FhirHttp.parse(CapabilityStatement.class, response);
        List<String> errors = R4CoreValidator.create().validateWithResult(capabilities).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
        assertThat(errors).isEmpty();
        var resources = capabilities.getRestFirstRep().getResource();
        assertThat(resources).allSatisfy(r -> assertThat(r.getSearchInclude()).as(r.getType() + " _include").isEmpty());
        assertThat(resources).extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
                .contains("StructureDefinition", "CodeSystem", "OperationDefinition");

        String summarize = resources.stream().filter(r -> r.getType().equals("Encounter")).flatMap(r -> r.getOperation().stream())
                .filter(o -> o.getName().equals("summarize")).findFirst().orElseThrow().getDefinition();
        OperationDefinition definition = FhirHttp.parse(OperationDefinition.class, http.get(summarize.substring(summarize.indexOf("OperationDefinition/"))));
        assertThat(definition.getParameter()).extracting(p -> p.getUse() + " " + p.getName())
                .contains("IN bundle", "IN language", "IN requestId", "OUT return");

        Bundle likelihood = FhirHttp.parse(Bundle.class, http.get("StructureDefinition?url=" + DifferentialMapper.LIKELIHOOD));
        assertThat(likelihood.getEntry()).hasSize(1);
        assertThat(FhirHttp.parse(Bundle.class, http.get("CodeSystem")).getTotal()).isGreaterThanOrEqualTo(2);
    }
}
