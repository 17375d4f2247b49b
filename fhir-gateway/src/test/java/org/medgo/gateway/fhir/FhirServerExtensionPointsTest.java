package org.medgo.gateway.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import jakarta.servlet.http.HttpServletResponse;

import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** Other features extend the FHIR server with plain Spring beans: interceptors and customizers. */
@GatewayTest
class FhirServerExtensionPointsTest {

    @Interceptor
    public static class StampingInterceptor {
        @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
        public void stamp(HttpServletResponse response) {
            response.setHeader("X-Stamped-By", "interceptor-bean");
        }
    }

    /** A plain provider: a server-level operation, registered through a customizer. */
    public static class EchoOperation {
        @Operation(name = "$echo", idempotent = true)
        public Parameters echo(@OperationParam(name = "text") StringType text) {
            Parameters out = new Parameters();
            out.addParameter("text", text);
            return out;
        }
    }

    @TestConfiguration
    static class Extensions {
        @Bean
        StampingInterceptor stampingInterceptor() {
            return new StampingInterceptor();
        }

        @Bean
        FhirServerCustomizer echoOperation() {
            return server -> server.registerProvider(new EchoOperation());
        }
    }

    @LocalServerPort
    int port;

    @Test
    void interceptorBeansAndCustomizersReachTheFhirServer() throws Exception {
        HttpResponse<String> response = new FhirHttp(port).get("/fhir/$echo?text=hello", Map.of("Accept", "application/fhir+json"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"valueString\":\"hello\"");
        assertThat(response.headers().firstValue("X-Stamped-By")).hasValue("interceptor-bean");
    }
}
