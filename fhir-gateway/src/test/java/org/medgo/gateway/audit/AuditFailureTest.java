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

/**
 * When the audit trail cannot be written, the request fails with an OperationOutcome and no data. The trail's
 * database is unreachable here, so the answer is the outage's 503 + Retry-After (the client retries), never
 * the data without its record.
 */
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
        assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(r.body()).contains("OperationOutcome").doesNotContain("CapabilityStatement");
    }
}
