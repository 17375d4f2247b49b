package org.medgo.gateway.operations.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.vault.Vault;
import org.medgo.deidentify.vault.VaultKey;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.database.MigratedDatabase;
import org.medgo.gateway.fhir.FhirProperties;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.SyntheticRecords;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.idempotency.IdempotencyConflictException;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.model.GenerationQueue;
import org.medgo.gateway.operations.model.InferenceQueueFullException;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.medgo.gateway.operations.prompt.PromptTemplates;
import org.medgo.gateway.operations.validation.RecordValidator;
import org.medgo.inference.generation.FinishReason;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.generation.TokenListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The pipeline's script against a fake model queue (its collaborator; the end-to-end tests run the real
 * model) and everything else real: de-identifier, vault, leak scanner, validator, store and audit trail on
 * an embedded PostgreSQL, used through the application role.
 */
@SpringJUnitConfig(ClinicalAiPipelineTest.Wiring.class)
class ClinicalAiPipelineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Requester EMR = new Requester("emr-client", null);

    @Autowired ClinicalAiPipeline pipeline;
    @Autowired FakeModel model;
    @Autowired CompositionStore store;
    @Autowired DataSource dataSource;
    @Autowired RecordValidator validator;

    @BeforeEach
    void nothingAskedYet() {
        model.answer(request -> "{}");
    }

    @Test
    void theModelSeesSurrogatesAndTheClinicianReadsTheRealValues() {
        var record = SyntheticRecords.english(7, true);
        String phone = record.identifiers().get(1);
        model.answer(request -> summary(userMessage(request)));

        PipelineResult result = pipeline.run(OperationKind.SUMMARIZE, input(record.bundle()), CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        assertThat(model.prompts).singleElement().asString().doesNotContain(phone);
        Composition c = store.read(result.compositionId()).orElseThrow();
        assertThat(c.getStatus()).isEqualTo(Composition.CompositionStatus.PRELIMINARY);
        assertThat(c.getSubject().getReference()).isEqualTo("Patient/" + record.patientId());
        assertThat(c.getSectionFirstRep().getText().getDivAsString()).contains(phone);
        assertThat(result.reused()).isFalse();
    }

    @Test
    void realValuesTheModelWroteItselfAreRedactedAndCounted() {
        var record = SyntheticRecords.english(8, true);
        String phone = record.identifiers().get(1);
        model.answer(request -> summary("call the patient at " + phone));
        OperationInput input = input(record.bundle());

        PipelineResult result = pipeline.run(OperationKind.SUMMARIZE, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        Composition c = store.read(result.compositionId()).orElseThrow();
        assertThat(c.getSectionFirstRep().getText().getDivAsString()).doesNotContain(phone);
        Map<String, Object> success = audit(input.requestId()).getLast();
        assertThat(success).containsEntry("event_type", "model-run").containsEntry("subtype", "summarize")
                .containsEntry("outcome", "0").containsEntry("patient_ref", "Patient/" + record.patientId())
                .containsEntry("entity_ref", "Composition/" + result.compositionId());
        assertThat((String) success.get("details")).contains("\"leaksRedacted\":\"1\"");
    }

    @Test
    void aDifferentialBecomesConditionsWithBlankFindingsDropped() {
        var record = SyntheticRecords.english(9, false);
        model.answer(request -> json(Map.of("differentials", List.of(
                Map.of("condition", "Acute coronary syndrome", "likelihood", "high",
                        "supporting", List.of("ST depression", "  "), "opposing", List.of(), "nextTests", List.of("troponin series")),
                Map.of("condition", " ", "likelihood", "low", "supporting", List.of(), "opposing", List.of("no fever"), "nextTests", List.of())))));

        PipelineResult result = pipeline.run(OperationKind.ENCOUNTER_DIFFERENTIAL, input(record.bundle()), CallMode.SYNCHRONOUS,
                Progress.NONE, () -> false);

        List<Condition> conditions = store.generatedWith(result.compositionId()).stream()
                .filter(Condition.class::isInstance).map(Condition.class::cast).toList();
        assertThat(conditions).extracting(x -> x.getCode().getText()).containsExactlyInAnyOrder("Acute coronary syndrome", "(unnamed)");
        Condition acs = conditions.stream().filter(x -> x.getCode().getText().startsWith("Acute")).findFirst().orElseThrow();
        assertThat(acs.getEvidence()).extracting(e -> e.getCodeFirstRep().getText()).containsExactly("ST depression");
        assertThat(acs.getSubject().getReference()).isEqualTo("Patient/" + record.patientId());
    }

    /**
     * The generated document is not re-validated per request (it cost more than half of the gateway's own time per
     * call); this is what stands in for that check: whatever a model writes, what is stored is valid R4.
     */
    @Test
    void whateverTheModelWritesTheStoredDocumentIsValidR4() {
        String longText = "very long course ".repeat(700);
        List<String> answers = List.of(
                summary(""), summary("   "), summary("fever\u0000\b\f of unknown origin \uD83E\uDDA0"),
                summary("<script>alert(1)</script> & <b>bold</b> ]]> {{x}} [S999] [S1]"), summary(longText),
                json(Map.of("course", List.of(Map.of("text", "cites nothing real", "sources", List.of("S404", "", "x"))))),
                json(Map.of("differentials", List.of(
                        Map.of("condition", "", "likelihood", "certain", "supporting", List.of(""), "opposing", List.of(" "), "nextTests", List.of("\u0007")),
                        Map.of("condition", "Sepsis <img src=x>", "likelihood", "", "supporting", List.of(longText), "opposing", List.of(), "nextTests", List.of())))),
                "{\"differentials\": []}");
        for (String answer : answers) {
            model.answer(request -> answer);
            OperationKind kind = answer.contains("differentials") ? OperationKind.ENCOUNTER_DIFFERENTIAL : OperationKind.SUMMARIZE;
            PipelineResult result = pipeline.run(kind, input(SyntheticRecords.english(11, true).bundle()), CallMode.SYNCHRONOUS,
                    Progress.NONE, () -> false);
            List<org.hl7.fhir.r4.model.Resource> stored = new java.util.ArrayList<>(store.generatedWith(result.compositionId()));
            stored.add(store.read(result.compositionId()).orElseThrow());
            for (org.hl7.fhir.r4.model.Resource resource : stored) {
                assertThat(validator.errors(resource)).as("%s for answer %s", resource.fhirType(), answer.substring(0, Math.min(80, answer.length())))
                        .extracting(m -> m.getLocationString() + " " + m.getMessage()).isEmpty();
            }
        }
    }

    @Test
    void aJobReportsEveryStageInOrderAndTheGeneratedPieces() {
        var record = SyntheticRecords.english(10, true);
        model.answer(request -> summary("stable"));
        model.pieces = 33;
        List<String> seen = new CopyOnWriteArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void entered(Stage stage) {
                seen.add(stage.name());
            }

            @Override
            public void generated(int pieces) {
                seen.add(Progress.generating(pieces));
            }
        };

        pipeline.run(OperationKind.SUMMARIZE, input(record.bundle()), CallMode.JOB, progress, () -> false);

        assertThat(seen).containsExactly("VALIDATE", "DEIDENTIFY", "MODEL", "generating (16 pieces of text)",
                "generating (32 pieces of text)", "STORE");
        assertThat(model.modes).containsExactly(CallMode.JOB);
    }

    @Test
    void aBusyModelIsA503AuditedAsAFailedModelRunOfThePatient() {
        var record = SyntheticRecords.english(11, true);
        model.answer(request -> {
            throw new InferenceQueueFullException();
        });
        OperationInput input = input(record.bundle());

        assertThatThrownBy(() -> pipeline.run(OperationKind.SUMMARIZE, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false))
                .isInstanceOf(ServiceUnavailableException.class);

        assertThat(audit(input.requestId())).extracting(row -> row.get("event_type") + " " + row.get("subtype") + " "
                        + row.get("outcome") + " " + row.get("outcome_detail") + " " + row.get("patient_ref"))
                .containsExactly("deidentify summarize 0 null Patient/" + record.patientId(),
                        "model-run summarize.model 4 HTTP 503 Patient/" + record.patientId());
        assertThat(store.findPrior(IdempotencyKey.of(EMR, input.requestId()))).isEmpty();
    }

    @Test
    void anInvalidRecordNeverReachesTheModelAndIsAuditedAsAFailedValidation() {
        Bundle noPatient = SyntheticRecords.english(12, true).bundle();
        noPatient.getEntry().removeIf(e -> e.getResource() instanceof Patient);
        OperationInput input = input(noPatient);

        assertThatThrownBy(() -> pipeline.run(OperationKind.SUMMARIZE, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false))
                .isInstanceOf(UnprocessableEntityException.class);

        assertThat(model.prompts).isEmpty();
        assertThat(audit(input.requestId())).extracting(row -> row.get("event_type") + " " + row.get("subtype") + " " + row.get("outcome"))
                .containsExactly("deidentify summarize.validate 4");
    }

    @Test
    void theSameRequestIdAgainReturnsTheFirstDocumentWithoutRunningTheModel() {
        var record = SyntheticRecords.english(13, true);
        model.answer(request -> summary("first"));
        OperationInput input = input(record.bundle());
        PipelineResult first = pipeline.run(OperationKind.SUMMARIZE, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        PipelineResult again = pipeline.run(OperationKind.SUMMARIZE, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        assertThat(again.compositionId()).isEqualTo(first.compositionId());
        assertThat(again.reused()).isTrue();
        assertThat(model.prompts).hasSize(1);
    }

    @Test
    void theSameRequestIdWithAnotherRecordIsA409AndStoresNothing() {
        model.answer(request -> summary("first"));
        OperationInput first = input(SyntheticRecords.english(15, true).bundle());
        pipeline.run(OperationKind.SUMMARIZE, first, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);
        OperationInput other = new OperationInput(SyntheticRecords.english(16, true).bundle(), Optional.empty(), first.requestId(), true, EMR);

        assertThatThrownBy(() -> pipeline.run(OperationKind.SUMMARIZE, other, CallMode.SYNCHRONOUS, Progress.NONE, () -> false))
                .isInstanceOf(IdempotencyConflictException.class);

        assertThat(model.prompts).hasSize(1);
        assertThat(store.countByRequestId(first.requestId())).isEqualTo(1);
    }

    @Test
    void anotherClientsRequestIdIsAnotherKey() {
        model.answer(request -> summary("mine"));
        OperationInput planted = input(SyntheticRecords.english(17, true).bundle());
        PipelineResult theirs = pipeline.run(OperationKind.SUMMARIZE, planted, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);
        var record = SyntheticRecords.english(18, true);
        OperationInput real = new OperationInput(record.bundle(), Optional.empty(), planted.requestId(), true, new Requester("hospital-emr", null));

        PipelineResult mine = pipeline.run(OperationKind.SUMMARIZE, real, CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        assertThat(mine.reused()).isFalse();
        assertThat(mine.compositionId()).isNotEqualTo(theirs.compositionId());
        assertThat(store.read(mine.compositionId()).orElseThrow().getSubject().getReference()).isEqualTo("Patient/" + record.patientId());
    }

    @Test
    void theCallersBundleIsLeftAsItCame() {
        var record = SyntheticRecords.english(14, true);
        FhirContext fhir = FhirContext.forR4Cached();
        String before = fhir.newJsonParser().encodeResourceToString(record.bundle());
        model.answer(request -> summary("unchanged"));

        pipeline.run(OperationKind.SUMMARIZE, input(record.bundle()), CallMode.SYNCHRONOUS, Progress.NONE, () -> false);

        assertThat(fhir.newJsonParser().encodeResourceToString(record.bundle())).isEqualTo(before);
    }

    private static OperationInput input(Bundle bundle) {
        return new OperationInput(bundle, Optional.empty(), UUID.randomUUID().toString(), true, EMR);
    }

    private List<Map<String, Object>> audit(String requestId) {
        return JdbcClient.create(dataSource).sql("""
                SELECT event_type, subtype, outcome, outcome_detail, patient_ref, entity_ref, details
                FROM audit_event WHERE request_id = ? ORDER BY seq""").param(requestId).query().listOfRows();
    }

    private static String userMessage(GenerationRequest request) {
        return ((Prompt.Chat) request.prompt()).messages().getLast().content();
    }

    private static String summary(String course) {
        return json(Map.of("course", course, "diagnoses", "hypertension", "medications", "aspirin", "plan", "follow up"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model's queue: answers with what the test tells it, streaming the answer in {@code pieces} pieces. */
    static final class FakeModel implements GenerationQueue {
        final List<String> prompts = new CopyOnWriteArrayList<>();
        final List<CallMode> modes = new CopyOnWriteArrayList<>();
        private Function<GenerationRequest, String> answers = request -> "{}";
        int pieces = 1;

        void answer(Function<GenerationRequest, String> answers) {
            this.answers = answers;
            prompts.clear();
            modes.clear();
            pieces = 1;
        }

        @Override
        public GenerationResult generateOrRefuse(GenerationRequest request, long timeoutMillis, TokenListener listener) {
            modes.add(CallMode.SYNCHRONOUS);
            return generate(request, listener);
        }

        @Override
        public GenerationResult generateWhenFree(GenerationRequest request, TokenListener listener, BooleanSupplier cancelled) {
            modes.add(CallMode.JOB);
            return generate(request, listener);
        }

        private GenerationResult generate(GenerationRequest request, TokenListener listener) {
            prompts.add(String.valueOf(request.prompt()));
            String text = answers.apply(request);
            for (int i = 0; i < pieces; i++) {
                listener.onText(i == 0 ? text : "");
            }
            return new GenerationResult(text, "", text, FinishReason.STOP, 100, 20, new int[0], 1_000, 2_000);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Import({ClinicalAiPipeline.class, ModelViews.class, ModelCall.class, DraftReidentifier.class, OperationAudit.class,
            CompositionStore.class, RecordValidator.class, PromptTemplates.class})
    static class Wiring {

        @Bean
        FhirProperties fhirProperties() {
            return new FhirProperties(null, null, null);
        }

        @Bean
        DataSource dataSource() {
            return MigratedDatabase.fresh();
        }

        @Bean(destroyMethod = "close")
        AuditTrail auditTrail(DataSource dataSource) {
            return new AuditTrail(dataSource);
        }

        @Bean
        Vault vault(DataSource dataSource) {
            return new Vault(dataSource, VaultKey.of(new byte[32]), java.time.Clock.systemUTC());
        }

        @Bean
        DeidSecrets deidSecrets() {
            return DeidSecrets.of(new byte[32]);
        }

        @Bean
        BundleDeidentifier bundleDeidentifier() {
            return BundleDeidentifier.standard();
        }

        @Bean
        LeakScanner leakScanner() {
            return LeakScanner.standard();
        }

        @Bean
        FhirContext fhirContext() {
            return FhirContext.forR4Cached();
        }

        @Bean
        OperationsProperties operationsProperties() {
            return new OperationsProperties(null, null, null, null, null, null, null, null);
        }

        @Bean
        ModelIdentity modelIdentity() {
            return new ModelIdentity("fake model", "sha256:000000000000", "0".repeat(64), true);
        }

        @Bean
        FakeModel fakeModel() {
            return new FakeModel();
        }
    }
}
