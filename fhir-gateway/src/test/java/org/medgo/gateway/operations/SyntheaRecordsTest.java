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
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.GatewayTest;
import org.medgo.gateway.operations.composition.RecordOmission;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Real Synthea R4 output (src/test/resources/synthea: eleven patients, transaction Bundles with urn:uuid
 * fullUrls equal to the ids, US Core profiles, conditional references), sent unchanged; the documents that come
 * back resolve every reference inside themselves and pass HAPI's R4 validator without errors.
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
    void syntheaBundlesSentAsTheyAreGetDocumentsThatValidateAndResolve() throws Exception {
        List<Resource> files = records();
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        FhirHttp http = new FhirHttp(port);
        List<CompletableFuture<Bundle>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(files.size())) {
            for (int i = 0; i < files.size(); i++) {
                Resource file = files.get(i);
                String operation = OPERATIONS.get(i % OPERATIONS.size());
                calls.add(CompletableFuture.supplyAsync(() -> call(http, operation, file), pool));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        }
        FhirValidator validator = R4CoreValidator.servedBy(http);  // the definitions as a client resolves them: from the gateway
        for (CompletableFuture<Bundle> call : calls) {
            Bundle document = call.join();
            assertThat(DocumentReferencesCheck.unresolved(document)).as("references that do not resolve in the document").isEmpty();
            List<String> errors = validator.validateWithResult(document).getMessages().stream()
                    .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                    .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
            assertThat(errors).as("R4 validation of the returned document").isEmpty();
        }
    }

    /**
     * A wellness visit with 53 Observations does not fit the demo model's context (4,096 tokens, 1,024 of them for the
     * answer): the draft is made from its most recent facts and says what the model did not see.
     */
    @Test
    void anEncounterLongerThanTheModelsContextGetsADraftThatSaysWhatWasLeftOut() throws Exception {
        Resource longVisit = new PathMatchingResourcePatternResolver().getResource("classpath:synthea/" + LONG_VISIT);
        Bundle document = call(new FhirHttp(port), "Encounter/$summarize", longVisit);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getExtensionByUrl(RecordOmission.URL)).as("the draft says the record was shortened").isNotNull();
        assertThat(composition.getExtensionByUrl(RecordOmission.URL).getValue().primitiveValue())
                .matches("Not shown, to fit the model's context: the \\d+ observations?.*");
    }

    static final String LONG_VISIT = "11e5f625-8b5d-37f6-ef6c-5ec618253405.json";

    /**
     * Synthea's own export, whole: one patient's history (32 encounters since 1961, Claims and all, 399 entries) as a
     * transaction Bundle. The draft is about the most recent encounter and says the rest was left out.
     */
    @Test
    void aWholeHistoryAsSyntheaExportsItGetsADraftAboutTheMostRecentEncounter() throws Exception {
        String body;
        try (InputStream in = new java.util.zip.GZIPInputStream(new PathMatchingResourcePatternResolver()
                .getResource("classpath:synthea-history/b0db19cc-466a-711f-3020-830bfebb2ae4.json.gz").getInputStream())) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        FhirHttp http = new FhirHttp(port);
        HttpResponse<String> r = http.post("Encounter/$summarize", body, "application/fhir+json", Map.of());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Bundle document = FhirHttp.parse(Bundle.class, r);
        Composition composition = (Composition) document.getEntryFirstRep().getResource();
        assertThat(composition.getEncounter().getReference()).as("the encounter of 27 July 2026, the last of 32")
                .isEqualTo("urn:uuid:2b20b8f8-a8a4-5b36-5233-fcd90269d36a");
        assertThat(composition.getExtensionByUrl(RecordOmission.URL).getValue().primitiveValue())
                .startsWith("Not shown: ").contains(" resources of the patient's other encounters");
        assertThat(R4CoreValidator.servedBy(http).validateWithResult(document).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage())).as("R4 validation of the returned document").isEmpty();
    }

    private static Bundle call(FhirHttp http, String operation, Resource file) {
        try {
            String body = read(file);
            Bundle sent = FhirHttp.FHIR.newJsonParser().parseResource(Bundle.class, body);
            assertThat(sent.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            String patientId = file.getFilename().replace(".json", "");

            HttpResponse<String> r = http.post(operation, body, "application/fhir+json", Map.of());

            assertThat(r.statusCode()).as(operation + " " + file.getFilename() + ": " + r.body()).isEqualTo(200);
            Bundle document = FhirHttp.parse(Bundle.class, r);
            Composition composition = (Composition) document.getEntryFirstRep().getResource();
            assertThat(document.getEntry()).as("the received Patient, under its urn:uuid")
                    .anySatisfy(e -> assertThat(e.getFullUrl()).isEqualTo("urn:uuid:" + patientId));
            assertThat(composition.getSubject().getReference()).isEqualTo("urn:uuid:" + patientId);
            if (operation.startsWith("DiagnosticReport")) {
                String report = composition.getEventFirstRep().getDetailFirstRep().getReference();
                assertThat(document.getEntry()).as("the report analysed is in the document")
                        .anySatisfy(e -> assertThat(e.getFullUrl()).isEqualTo(report));
                document.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Condition.class::isInstance)
                        // the generated diagnoses, not the EMR's own Conditions the document carries when they are cited
                        .filter(c -> ((Condition) c).hasExtension(org.medgo.gateway.operations.differential.DifferentialMapper.LIKELIHOOD))
                        .forEach(c -> assertThat(((Condition) c).getEvidence()).anySatisfy(ev -> assertThat(ev.getDetailFirstRep().getReference()).isEqualTo(report)));
            }
            return document;
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
