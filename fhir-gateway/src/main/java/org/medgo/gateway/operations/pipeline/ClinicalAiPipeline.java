package org.medgo.gateway.operations.pipeline;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.audit.AuditException;
import org.medgo.gateway.operations.citation.SourceIndex;
import org.medgo.gateway.operations.composition.CompositionStore;
import org.medgo.gateway.operations.composition.DocumentContext;
import org.medgo.gateway.operations.composition.Draft;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.operations.composition.ModelDevice;
import org.medgo.gateway.operations.composition.RecordOmission;
import org.medgo.gateway.operations.differential.DifferentialDraft;
import org.medgo.gateway.operations.differential.DifferentialMapper;
import org.medgo.gateway.operations.idempotency.IdempotencyConflictException;
import org.medgo.gateway.operations.idempotency.IdempotencyDecision;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.medgo.gateway.operations.idempotency.IdempotencyPolicy;
import org.medgo.gateway.operations.idempotency.InputFingerprint;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.medgo.gateway.operations.summarize.SummaryDraft;
import org.medgo.gateway.operations.summarize.SummaryMapper;
import org.medgo.gateway.operations.pipeline.StepTimes.Step;
import org.medgo.gateway.operations.validation.RecordValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * validate → de-identify → model → model JSON → typed draft → re-identify once → FHIR (citations → the input
 * resources) → store, with the record it was made from as the reviewer knows it.
 * Every outcome is audited: success with digests and counts, a failure as the event of the stage it
 * happened in. Logs carry the request id and counts, never record content.
 */
@Component
public class ClinicalAiPipeline {

    private static final Logger log = LoggerFactory.getLogger(ClinicalAiPipeline.class);

    private static final ca.uhn.fhir.context.FhirContext RECORD_JSON = ca.uhn.fhir.context.FhirContext.forR4Cached();
    /** CPU work beside the request thread: virtual threads, so no pool to size or shut down (carriers = cores). */
    private static final Executor SIDE_WORK = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("medgo-deid-", 0).factory());

    private final RecordValidator validator;
    private final ModelViews views;
    private final ModelCall model;
    private final DraftReidentifier reidentifier;
    private final CompositionStore store;
    private final ModelIdentity modelIdentity;
    private final OperationAudit audit;

    ClinicalAiPipeline(RecordValidator validator, ModelViews views, ModelCall model, DraftReidentifier reidentifier,
            CompositionStore store, ModelIdentity modelIdentity, OperationAudit audit) {
        this.validator = validator;
        this.views = views;
        this.model = model;
        this.reidentifier = reidentifier;
        this.store = store;
        this.modelIdentity = modelIdentity;
        this.audit = audit;
    }

    /**
     * Checks the record without running anything: the parts the output points at, then FHIR validation.
     * Every call validates before its request id is looked up, so nothing is returned or stored for invalid input.
     */
    public RecordParts validate(OperationKind kind, OperationInput input) {
        RecordParts parts = RecordParts.of(input.bundle(), kind);
        validator.requireValid(input.bundle());
        return parts;
    }

    /**
     * Runs the operation; {@code cancelled} is polled while the run waits for or on the model. A request id
     * its client used before answers with the earlier Composition when the input is the same (reused), or
     * 409 when it is not.
     */
    public PipelineResult run(OperationKind kind, OperationInput input, CallMode mode, Progress progress, BooleanSupplier cancelled) {
        return run(kind, input, mode, progress, cancelled, new StepTimes());
    }

    /** As above, adding the time of each step to {@code times} (the caller's Server-Timing). */
    public PipelineResult run(OperationKind kind, OperationInput input, CallMode mode, Progress progress, BooleanSupplier cancelled,
            StepTimes times) {
        PipelineRun run = new PipelineRun(kind, input, times);
        try {
            return script(run, mode, progress, cancelled);
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            audit.failed(run, e);
            throw e;
        }
    }

    private PipelineResult script(PipelineRun run, CallMode mode, Progress progress, BooleanSupplier cancelled) {
        OperationInput input = run.input;
        run.enter(Stage.VALIDATE, progress);
        RecordParts parts = RecordParts.of(input.bundle(), run.kind);
        run.patientRef = parts.patientRef().getReference();
        // encoded once, for the validator and the fingerprint; the validator then reads only this text, so the
        // de-identification (CPU only, nothing stored) can run on the parsed record meanwhile, on another core
        String recordJson = RECORD_JSON.newJsonParser().setPrettyPrint(false).encodeResourceToString(input.bundle());
        CompletableFuture<ModelViews.Prepared> prepared = CompletableFuture.supplyAsync(() -> views.prepare(run.kind, input, parts.encounterEntry()), SIDE_WORK);
        if (mode == CallMode.SYNCHRONOUS) {
            run.times.time(Step.VALIDATE, () -> validator.requireValidJson(recordJson));
        } // a job's record passed validate() before it was queued (JobRunner.submit): validated once, not twice
        IdempotencyKey key = IdempotencyKey.of(input.requester(), input.requestId());
        String inputSha256 = InputFingerprint.of(run.kind.name(), input.language(), recordJson);
        switch (IdempotencyPolicy.decide(store.findPrior(key), inputSha256)) {
            case IdempotencyDecision.Replay replay -> {
                return new PipelineResult(replay.prior().resultId(), true, run.patientRef, 0, run.elapsedNanos());
            }
            case IdempotencyDecision.Conflict conflict -> throw new IdempotencyConflictException();
            case IdempotencyDecision.Fresh fresh -> { }
        }

        run.enter(Stage.DEIDENTIFY, progress);
        run.view = run.times.time(Step.DEIDENTIFY, () -> views.kept(joined(prepared), input, run.patientRef, run.kind.promptFamily()));

        run.enter(Stage.MODEL, progress);
        model.generateFitting(run, mode, progress, cancelled);
        run.times.add(Step.MODEL, run.result.elapsedNanos());

        run.enter(Stage.STORE, progress);
        DocumentContext ctx = new DocumentContext(UUID.randomUUID().toString(), input.requestId(), parts.patientRef(),
                parts.encounterRef(), parts.focusRef(), run.view.language(), new Date(), ModelDevice.of(modelIdentity),
                run.view.template().id(), SourceIndex.of(run.view.keyed(), input.bundle()));
        String modelJson = run.result.text();
        GeneratedDocument doc = run.times.time(Step.MAP, () -> switch (run.kind) {
            case SUMMARIZE -> SummaryMapper.map(reidentified(run, SummaryDraft.parse(modelJson)), (Encounter) parts.focus(), ctx);
            case ENCOUNTER_DIFFERENTIAL, REPORT_DIFFERENTIAL -> DifferentialMapper.map(reidentified(run, DifferentialDraft.parse(modelJson)), ctx);
        });
        if (run.view.omitted().any()) {
            RecordOmission.label(doc.composition(), run.view.omitted().sentence());
        }
        String deviceId = doc.device().getIdPart();
        String id = run.times.time(Step.STORE, () -> {
            String stored = store.saveIfAbsent(doc, run.kind.path(), key, inputSha256, reidentifier.sourceRecord(run.view, ctx.sources()),
                    parts.received(input.bundle(), references(doc)), newId -> audit.generatedInTransaction(run, newId, deviceId, modelIdentity));
            if (!stored.equals(doc.composition().getIdPart())) {
                audit.generated(run, stored, deviceId, modelIdentity); // a concurrent twin stored first; this run still happened
            }
            return stored;
        });
        long total = run.elapsedNanos();
        log.info("operation {} request {}: composition {}, {} prompt + {} generated tokens, {} leak(s) redacted, model {} ms, total {} ms",
                run.kind.path(), input.requestId(), id, run.result.promptTokens(), run.result.completionTokens(), run.leaksRedacted,
                run.result.elapsedNanos() / 1_000_000, total / 1_000_000);
        return new PipelineResult(id, !id.equals(doc.composition().getIdPart()), run.patientRef, run.result.elapsedNanos(), total);
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    private <D extends Draft<D>> D reidentified(PipelineRun run, D draft) {
        DraftReidentifier.Reidentified<D> clinician = reidentifier.reidentify(draft, run.view.vaultId());
        run.leaksRedacted = clinician.leaksRedacted();
        return clinician.draft();
    }

    /** Every {@code Type/id} the generated resources refer to. */
    private java.util.Set<String> references(GeneratedDocument doc) {
        java.util.Set<String> refs = new java.util.HashSet<>();
        List<Resource> all = new ArrayList<>(doc.entries());
        all.add(doc.composition());
        all.add(doc.provenance());
        for (Resource r : all) {
            ca.uhn.fhir.context.FhirContext.forR4Cached().newTerser().getAllPopulatedChildElementsOfType(r, org.hl7.fhir.r4.model.Reference.class)
                    .forEach(ref -> { if (ref.getReference() != null) refs.add(ref.getReference()); });
        }
        return refs;
    }
}
