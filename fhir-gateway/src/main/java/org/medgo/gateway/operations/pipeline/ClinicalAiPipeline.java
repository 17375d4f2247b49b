package org.medgo.gateway.operations.pipeline;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.fhir.DeidentifiedResource;
import org.medgo.deidentify.leak.LeakReport;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.relink.Reidentifier;
import org.medgo.deidentify.vault.Vault;
import org.medgo.deidentify.vault.VaultEntries;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.composition.DocumentContext;
import org.medgo.gateway.operations.composition.FhirStringCharacters;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.operations.composition.ModelDevice;
import org.medgo.gateway.operations.differential.DifferentialMapper;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.model.InferenceQueue;
import org.medgo.gateway.operations.model.InferenceQueueFullException;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.medgo.gateway.operations.prompt.PromptTemplate;
import org.medgo.gateway.operations.prompt.PromptTemplates;
import org.medgo.gateway.operations.prompt.RecordLanguage;
import org.medgo.gateway.operations.prompt.RecordRenderer;
import org.medgo.gateway.operations.summarize.SummaryMapper;
import org.medgo.gateway.operations.validation.RecordValidator;
import org.medgo.inference.generation.ContextLengthException;
import org.medgo.inference.generation.GenerationRequest;
import org.medgo.inference.generation.GenerationResult;
import org.medgo.inference.generation.Prompt;
import org.medgo.inference.sampling.SamplingParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * validate → de-identify → prompt → model → leak scan and re-identification → Composition → store.
 * Logs carry the request id and counts, never record content.
 */
@Component
public class ClinicalAiPipeline {

    private static final Logger log = LoggerFactory.getLogger(ClinicalAiPipeline.class);

    /** What the model would see for a record: the de-identified Bundle and the prompt text. */
    public record ModelView(Bundle deidentified, String language, PromptTemplate template, String record, UUID vaultId) {}

    private final RecordValidator validator;
    private final BundleDeidentifier deidentifier;
    private final DeidSecrets secrets;
    private final Vault vault;
    private final LeakScanner leakScanner;
    private final PromptTemplates templates;
    private final InferenceQueue queue;
    private final CompositionStore store;
    private final ModelIdentity model;
    private final OperationsProperties properties;
    private final OperationAudit audit;

    ClinicalAiPipeline(RecordValidator validator, BundleDeidentifier deidentifier, DeidSecrets secrets, Vault vault,
            LeakScanner leakScanner, PromptTemplates templates, InferenceQueue queue, CompositionStore store,
            ModelIdentity model, OperationsProperties properties, OperationAudit audit) {
        this.audit = audit;
        this.validator = validator;
        this.deidentifier = deidentifier;
        this.secrets = secrets;
        this.vault = vault;
        this.leakScanner = leakScanner;
        this.templates = templates;
        this.queue = queue;
        this.store = store;
        this.model = model;
        this.properties = properties;
    }

    /**
     * Runs the operation. {@code waitForModel}: job workers wait for a place in the inference queue;
     * synchronous calls are refused with 503 when it is full and time out after {@code syncTimeout}.
     */
    public PipelineResult run(OperationKind kind, OperationInput input, Progress progress, BooleanSupplier cancelled, boolean waitForModel) {
        String[] step = {"validate"};
        String[] patient = {null};
        try {
            return runAudited(kind, input, progress, cancelled, waitForModel, step, patient);
        } catch (RuntimeException e) {
            int status = e instanceof ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException b ? b.getStatusCode() : 500;
            boolean minor = status < 500 || status == 503 || e instanceof java.util.concurrent.CancellationException;
            String why = e instanceof java.util.concurrent.CancellationException ? "cancelled" : "HTTP " + status;
            if (!(e instanceof org.medgo.audit.AuditException)) {
                audit.record("model".equals(step[0]) || "store".equals(step[0]) ? EventType.MODEL_RUN : EventType.DEIDENTIFY,
                        kind.promptFamily() + "." + step[0], minor ? Outcome.MINOR_FAILURE : Outcome.SERIOUS_FAILURE, why,
                        input.requester(), patient[0], null, input.requestId(), java.util.Map.of("operation", kind.path()));
            }
            throw e;
        }
    }

    private PipelineResult runAudited(OperationKind kind, OperationInput input, Progress progress, BooleanSupplier cancelled,
            boolean waitForModel, String[] step, String[] patient) {
        long start = System.nanoTime();
        var earlier = store.findByRequestId(input.requestId());
        if (earlier.isPresent()) {
            return new PipelineResult(earlier.get(), true, 0, System.nanoTime() - start);
        }
        progress.step("validating");
        RecordParts parts = RecordParts.of(input.bundle(), kind);
        patient[0] = parts.patientRef().getReference();
        validator.requireValid(input.bundle());

        progress.step("de-identifying");
        step[0] = "deidentify";
        ModelView view = modelView(kind, input, parts.patientRef().getReference(), kind.promptFamily());
        step[0] = "model";
        GenerationRequest request = GenerationRequest.of(
                        Prompt.chat(view.template().messages(view.record()), false), SamplingParams.greedy(), properties.maxNewTokens())
                .withJsonSchema(view.template().jsonSchema());

        progress.step("queued for the model");
        AtomicInteger pieces = new AtomicInteger();
        GenerationResult result;
        try {
            result = waitForModel
                    ? queue.generateWhenFree(request, delta -> progressEvery(progress, pieces), cancelled)
                    : queue.generateOrRefuse(request, properties.syncTimeout().toMillis(), delta -> progressEvery(progress, pieces));
        } catch (InferenceQueueFullException e) {
            throw new ServiceUnavailableException("the model is busy; retry later or send Prefer: respond-async", properties.retryAfterSeconds());
        } catch (TimeoutException e) {
            throw new ServiceUnavailableException("the model did not answer within " + properties.syncTimeout().toSeconds()
                    + " s; send Prefer: respond-async for long records", properties.retryAfterSeconds());
        } catch (ContextLengthException e) {
            throw new UnprocessableEntityException("the record is too long for the model: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.util.concurrent.CancellationException("interrupted");
        }

        progress.step("writing the document");
        step[0] = "store";
        VaultEntries entries = vault.load(view.vaultId()).orElseThrow(() -> new IllegalStateException("vault entry expired during the request"));
        AtomicInteger leaks = new AtomicInteger();
        DocumentContext ctx = new DocumentContext(UUID.randomUUID().toString(), input.requestId(), parts.patientRef(),
                parts.encounterRef(), parts.focusRef(), view.language(), new Date(), ModelDevice.of(model), view.template().id(),
                text -> {
                    LeakReport report = leakScanner.scan(text, entries);
                    leaks.addAndGet(report.leaks().size());
                    return FhirStringCharacters.withoutForbidden(Reidentifier.reidentify(report.text(), entries));
                });
        GeneratedDocument doc = switch (kind) {
            case SUMMARIZE -> SummaryMapper.map(result.text(), (Encounter) parts.focus(), ctx);
            case ENCOUNTER_DIFFERENTIAL, REPORT_DIFFERENTIAL -> DifferentialMapper.map(result.text(), ctx);
        };
        requireValidOutput(doc);
        String id = store.saveIfAbsent(doc, kind.path(), input.requestId());
        long total = System.nanoTime() - start;
        audit.record(EventType.MODEL_RUN, kind.promptFamily(), Outcome.SUCCESS, null, input.requester(), patient[0],
                "Composition/" + id, input.requestId(), java.util.Map.of(
                        "operation", kind.path(), "model", doc.device().getIdPart(), "modelVersion", model.version(),
                        "promptTemplate", view.template().id(), "promptSha256", OperationAudit.sha256(String.valueOf(request.prompt())),
                        "outputSha256", OperationAudit.sha256(result.text()), "promptTokens", result.promptTokens(),
                        "completionTokens", result.completionTokens(), "finishReason", result.finishReason().name(),
                        "leaksRedacted", leaks.get()));
        log.info("operation {} request {}: composition {}, {} prompt + {} generated tokens, {} leak(s) redacted, model {} ms, total {} ms",
                kind.path(), input.requestId(), id, result.promptTokens(), result.completionTokens(), leaks.get(),
                result.elapsedNanos() / 1_000_000, total / 1_000_000);
        return new PipelineResult(id, !id.equals(doc.composition().getIdPart()), result.elapsedNanos(), total);
    }

    /**
     * De-identifies the record and renders the prompt: exactly what the model receives. Audited as a
     * DEIDENTIFY event ({@code auditStep}) with the counts per PHI type.
     */
    public ModelView modelView(OperationKind kind, OperationInput input, String patientRef, String auditStep) {
        DeidSession session = DeidSession.newRequest(secrets);
        DeidentifiedResource deid = deidentifier.deidentify(input.bundle().copy(), session);
        UUID vaultId = vault.store(session, properties.vaultTtl());
        java.util.Map<String, Object> details = new java.util.TreeMap<>();
        deid.counts().forEach((type, n) -> details.put("phi." + type.name(), n));
        details.put("ruleSet", deid.ruleSet());
        details.put("vault", vaultId.toString());
        audit.record(EventType.DEIDENTIFY, auditStep, Outcome.SUCCESS, null, input.requester(), patientRef, null,
                input.requestId(), details);
        Bundle bundle = (Bundle) deid.resource();
        String record = RecordRenderer.render(bundle);
        String language = RecordLanguage.of(bundle, record, input.language());
        return new ModelView(bundle, language, templates.current(kind.promptFamily(), language), record, vaultId);
    }

    private void requireValidOutput(GeneratedDocument doc) {
        List<Resource> all = new ArrayList<>(doc.entries());
        all.add(doc.composition());
        all.add(doc.provenance());
        all.add(doc.device());
        for (Resource r : all) {
            var errors = validator.errors(r);
            if (!errors.isEmpty()) {
                // our mapping is wrong, not the caller's input: fail loudly, store nothing
                throw new IllegalStateException("generated " + r.fhirType() + " is not valid FHIR R4: " + errors.getFirst().getMessage());
            }
        }
    }

    private static void progressEvery(Progress progress, AtomicInteger pieces) {
        int n = pieces.incrementAndGet();
        if (n % 16 == 0) {
            progress.step("generating (" + n + " pieces of text)");
        }
    }
}
