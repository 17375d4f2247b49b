package org.medgo.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import java.net.http.HttpResponse;
import org.medgo.gateway.operations.FhirHttp;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medgo.gateway.GatewayApplication;
import org.medgo.gateway.MedGoCli;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every FHIR interaction, failed ones included, lands in the audit trail, is searchable as AuditEvent, and
 * {@code medgo audit verify} finds the chain intact afterwards.
 */
class RestAuditTest {
    static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dataDir;

    @Test
    void interactionsAreAuditedSearchableAndVerifiable() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GatewayApplication.class)
                .run("--medgo.data-dir=" + dataDir, "--medgo.db.url=", "--server.port=0", "--medgo.security.enabled=false")) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
                        assertThat(get(port, "/fhir/metadata").statusCode()).isEqualTo(200);
            assertThat(get(port, "/fhir/AuditEvent/999999").statusCode()).isEqualTo(404);

            HttpResponse<String> search = get(port, "/fhir/AuditEvent?type=rest&_count=50");
            assertThat(search.statusCode()).isEqualTo(200);
            Bundle bundle = FHIR.newJsonParser().parseResource(Bundle.class, search.body());
            var events = bundle.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
            assertThat(events).anyMatch(e -> "capabilities".equals(e.getSubtypeFirstRep().getCode())
                    && e.getOutcome() == AuditEvent.AuditEventOutcome._0);
            assertThat(events).anyMatch(e -> "read".equals(e.getSubtypeFirstRep().getCode())
                    && e.getOutcome() == AuditEvent.AuditEventOutcome._4
                    && e.getEntity().stream().anyMatch(x -> "AuditEvent/999999".equals(x.getWhat().getReference())));
            assertThat(get(port, "/fhir/AuditEvent?subtype=read&_count=50").body()).contains("AuditEvent/999999");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        String previous = System.setProperty("medgo.data-dir", dataDir.toString());
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = MedGoCli.commandLine().execute("audit", "verify");
        } finally {
            System.setOut(original);
            if (previous == null) {
                System.clearProperty("medgo.data-dir");
            } else {
                System.setProperty("medgo.data-dir", previous);
            }
        }
        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("audit trail intact");
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return new FhirHttp(port).get(path, Map.of("Accept", "application/fhir+json"));
    }
}
