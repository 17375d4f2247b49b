package org.medgo.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Real Synthea R4 output (src/test/resources/synthea: ten patients, transaction Bundles with urn:uuid
 * fullUrls equal to the ids, US Core profiles, conditional references), sent unchanged.
 */
@GatewayTest
class SyntheaRecordsTest {

    static final List<String> OPERATIONS = List.of("Encounter/$summarize", "Encounter/$differential", "DiagnosticReport/$differential");

    @LocalServerPort
    int port;

    /**
     * Every patient through one operation, in turn (each operation gets three or four patients), sent at once:
     * the engine decodes them in one batch, which keeps this test short.
     */
    @Test
    void syntheaBundlesSentAsTheyAreGetDocuments() throws Exception {
        List<Resource> files = records();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        FhirHttp http = new FhirHttp(port);
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(files.size())) {
            for (int i = 0; i < files.size(); i++) {
                Resource file = files.get(i);
                String operation = OPERATIONS.get(i % OPERATIONS.size());
                calls.add(CompletableFuture.runAsync(() -> call(http, operation, file), pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        }
    }

    private static void call(FhirHttp http, String operation, Resource file) {
        try {
            String body = read(file);
            Bundle sent = FhirHttp.FHIR.newJsonParser().parseResource(Bundle.class, body);
            assertThat(sent.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            String patientId = file.getFilename().replace(".json", "");

            HttpResponse<String> r = http.post(operation, body, "application/fhir+json", Map.of());

            assertThat(r.statusCode()).as(operation + " " + file.getFilename() + ": " + r.body()).isEqualTo(200);
            Composition composition = (Composition) FhirHttp.parse(Bundle.class, r).getEntryFirstRep().getResource();
            assertThat(composition.getSubject().getReferenceElement().getIdPart()).isEqualTo(patientId);
        } catch (Exception e) {
            throw new IllegalStateException(operation + " " + file.getFilename(), e);
        }
    }

    static List<Resource> records() throws IOException {
        return List.of(new PathMatchingResourcePatternResolver().getResources("classpath:synthea/*.json"));
    }

    static String read(Resource file) throws IOException {
        try (InputStream in = file.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
