package org.medgo.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;


import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.GatewayTest;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** When the audit trail cannot be written, the request fails with an OperationOutcome and no data. */
@GatewayTest
class AuditFailureTest {

    @TestConfiguration
    static class UnwritableTrail {
        @Bean
        @Primary
        AuditTrail unwritableAuditTrail() {
            PGSimpleDataSource nowhere = new PGSimpleDataSource();
            nowhere.setServerNames(new String[] {"127.0.0.1"});
            nowhere.setPortNumbers(new int[] {1});
            return new AuditTrail(nowhere);
        }
    }

    @Value("${local.server.port}")
    int port;

    @Test
    void aRequestThatCannotBeAuditedIsNotServed() throws Exception {
        HttpResponse<String> r = new FhirHttp(port).get("/fhir/metadata", Map.of("Accept", "application/fhir+json"));
        assertThat(r.statusCode()).isEqualTo(500);
        // the reason stays in the server log (internal errors are not described to callers)
        assertThat(r.body()).contains("OperationOutcome").contains("incident").doesNotContain("CapabilityStatement");
    }
}
