package org.medgo.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.net.Socket;

import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** Every error, inside /fhir or not, is an OperationOutcome with the right status and no internals. */
@GatewayTest
class ErrorsAreOperationOutcomesTest {

    static final String SECRET_DETAIL = "patient Jane Roe, MRN 12345";

    /** A resource provider registered as a plain Spring bean, as other features will do. */
    public static class BrokenBasicProvider implements IResourceProvider {
        @Override
        public Class<Basic> getResourceType() {
            return Basic.class;
        }

        @Read
        public Basic read(@IdParam IdType id) {
            if (id.getIdPart().equals("missing")) {
                throw new ResourceNotFoundException(id);
            }
            throw new IllegalStateException("bug while reading " + SECRET_DETAIL);
        }
    }

    @TestConfiguration
    static class ProviderConfiguration {
        @Bean
        BrokenBasicProvider basicProvider() {
            return new BrokenBasicProvider();
        }
    }

    @LocalServerPort
    int port;

    @Test
    void anUnknownPathOutsideFhirIsA404OperationOutcome() throws Exception {
        HttpResponse<String> response = get("/no/such/page");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/fhir+json"));
        OperationOutcome outcome = parse(response);
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
    }

    @Test
    void aDeliberateFhirErrorKeepsItsStatusAndMessage() throws Exception {
        HttpResponse<String> response = get("/fhir/Basic/missing");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(parse(response).getIssueFirstRep().getDiagnostics()).contains("Basic/missing");
    }

    @Test
    void anUnexpectedExceptionIsA500WithAnIncidentIdAndNoDetails() throws Exception {
        HttpResponse<String> response = get("/fhir/Basic/1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(parse(response).getIssueFirstRep().getDiagnostics()).contains("incident");
        assertThat(response.body()).doesNotContain(SECRET_DETAIL, "IllegalStateException", "at org.medgo");
    }

    @Test
    void aRequestTomcatRejectsBeforeAnyServletIsAnOperationOutcomeToo() throws Exception {
        String response;
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(
                    "GET /fhir/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/fhir+json");
        String body = response.substring(response.indexOf("\r\n\r\n") + 4);
        body = body.substring(body.indexOf('{'), body.lastIndexOf('}') + 1); // tolerate chunked framing
        assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, body)
                .getIssueFirstRep().getDiagnostics()).isEqualTo("400 Bad Request");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return new FhirHttp(port).get(path, Map.of("Accept", "application/fhir+json"));
    }

    private static OperationOutcome parse(HttpResponse<String> response) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
    }
}
