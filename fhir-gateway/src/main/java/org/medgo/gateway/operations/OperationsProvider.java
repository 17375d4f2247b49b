package org.medgo.gateway.operations;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.gateway.fhir.FhirServerCustomizer;
import org.medgo.gateway.operations.composition.DocumentBundles;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.input.RequestBodyReader;
import org.medgo.gateway.operations.jobs.Job;
import org.medgo.gateway.operations.jobs.JobFailure;
import org.medgo.gateway.operations.jobs.JobRunner;
import org.medgo.gateway.operations.pipeline.CallMode;
import org.medgo.gateway.operations.pipeline.ClinicalAiPipeline;
import org.medgo.gateway.operations.pipeline.ModelView;
import org.medgo.gateway.operations.pipeline.ModelViews;
import org.medgo.gateway.operations.pipeline.OperationAudit;
import org.medgo.gateway.operations.pipeline.OperationKind;
import org.medgo.gateway.operations.pipeline.PipelineResult;
import org.medgo.gateway.operations.pipeline.Progress;
import org.medgo.gateway.operations.pipeline.StepTimes;
import org.medgo.gateway.operations.pipeline.StepTimes.Step;
import org.medgo.gateway.operations.validation.RecordValidator;
import org.medgo.gateway.security.ReadAccess;
import org.springframework.stereotype.Component;

/**
 * HTTP for the clinical AI operations. Bodies are read by {@link RequestBodyReader} (HAPI's manual request
 * mode: size cap before parsing, XML without DTDs). Synchronous calls answer 200 with the document Bundle;
 * {@code Prefer: respond-async} answers 202 with {@code Content-Location: [base]/$job-status?_jobId=...}.
 */
@Component
public class OperationsProvider implements FhirServerCustomizer {

    public static final String JOB_STATUS = "$job-status";

    private final FhirContext fhir;
    private final RequestBodyReader reader;
    private final ClinicalAiPipeline pipeline;
    private final ModelViews views;
    private final JobRunner jobs;
    private final DocumentBundles documents;
    private final RecordValidator validator;
    private final OperationAudit audit;
    private final ReadAccess readAccess;

    OperationsProvider(FhirContext fhir, RequestBodyReader reader, ClinicalAiPipeline pipeline, ModelViews views,
            JobRunner jobs, DocumentBundles documents, RecordValidator validator, OperationAudit audit, ReadAccess readAccess) {
        this.fhir = fhir;
        this.reader = reader;
        this.pipeline = pipeline;
        this.views = views;
        this.jobs = jobs;
        this.documents = documents;
        this.validator = validator;
        this.audit = audit;
        this.readAccess = readAccess;
    }

    @Override
    public void customize(ca.uhn.fhir.rest.server.RestfulServer server) {
        server.registerProvider(this);
    }

    @Operation(name = "$summarize", type = Encounter.class, manualRequest = true, manualResponse = true)
    public void summarize(HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.SUMMARIZE, request, response);
    }

    @Operation(name = "$differential", type = Encounter.class, manualRequest = true, manualResponse = true)
    public void encounterDifferential(HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.ENCOUNTER_DIFFERENTIAL, request, response);
    }

    @Operation(name = "$differential", type = DiagnosticReport.class, manualRequest = true, manualResponse = true)
    public void reportDifferential(HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.REPORT_DIFFERENTIAL, request, response);
    }

    /**
     * Preview of exactly what the model would see for a record: the de-identified Bundle and the prompt's
     * record text, for the summary template. Nothing is generated or stored (the vault entry expires).
     */
    @Operation(name = "$deidentify", type = Bundle.class, manualRequest = true, manualResponse = true)
    public void deidentify(HttpServletRequest request, HttpServletResponse response) {
        OperationInput input = reader.read(request);
        validator.requireValid(input.bundle());
        String patient = input.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof org.hl7.fhir.r4.model.Patient && r.getIdElement().hasIdPart())
                .map(r -> "Patient/" + r.getIdElement().getIdPart()).findFirst().orElse(null);
        ModelView view = views.of(OperationKind.SUMMARIZE, input, patient, "preview");
        Parameters out = new Parameters();
        out.addParameter().setName("bundle").setResource(view.deidentified());
        out.addParameter("language", new StringType(view.language()));
        out.addParameter("promptTemplate", new StringType(view.template().id()));
        out.addParameter("record", new StringType(view.record()));
        audit.served("$deidentify", input, patient, null);
        FhirResponses.write(fhir, request, response, 200, out);
    }

    /** Polls ({@code GET}) or cancels ({@code DELETE}) an asynchronous call. */
    @Operation(name = JOB_STATUS, idempotent = true, deleteEnabled = true, manualResponse = true)
    public void jobStatus(@OperationParam(name = "_jobId", min = 1, max = 1) StringType jobId,
            HttpServletRequest request, HttpServletResponse response) {
        UUID id;
        try {
            id = UUID.fromString(jobId.getValue());
        } catch (RuntimeException e) {
            throw new ResourceNotFoundException("no such job");
        }
        // a job is its submitter's: another client learns nothing, not even that it exists
        Job job = jobs.find(id).filter(j -> j.clientKey().equals(IdempotencyKey.clientOf(Requester.of(request))))
                .orElseThrow(() -> new ResourceNotFoundException("no such job"));
        if ("DELETE".equals(request.getMethod())) {
            if (!job.finished()) {
                jobs.cancel(id);
            }
            FhirResponses.write(fhir, request, response, 202, info("cancellation requested"));
            return;
        }
        switch (job.status()) {
            case QUEUED, RUNNING -> {
                response.setHeader("X-Progress", jobs.liveStep(id).orElse(job.step()));
                response.setHeader("Retry-After", "2");
                response.setStatus(202);
            }
            case COMPLETED -> {
                String base = FhirResponses.serverBase(request);
                Bundle result = new Bundle();
                result.setType(Bundle.BundleType.BATCHRESPONSE);
                Bundle.BundleEntryComponent entry = result.addEntry();
                entry.setResource(documents.document(job.compositionId().orElseThrow(), base));
                entry.getResponse().setStatus("200 OK").setLocation("Composition/" + job.compositionId().get());
                FhirResponses.write(fhir, request, response, 200, result);
            }
            case CANCELLED -> throw new ResourceNotFoundException("the job was cancelled");
            case FAILED -> {
                JobFailure failure = job.failure().orElse(new JobFailure(500, "failed"));
                OperationOutcome oo = new OperationOutcome();
                oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.PROCESSING)
                        .setDiagnostics(failure.message());
                FhirResponses.write(fhir, request, response, failure.status(), oo);
            }
        }
    }

    private void call(OperationKind kind, HttpServletRequest request, HttpServletResponse response) {
        StepTimes times = new StepTimes();
        OperationInput input = times.time(Step.PARSE, () -> reader.read(request));
        String base = FhirResponses.serverBase(request);
        if (prefersAsync(request)) {
            String patient = pipeline.validate(kind, input).patientRef().getReference();  // nothing stored for invalid input
            Job job = jobs.submit(kind, input);
            audit.served(operationName(kind), input, patient, "Job/" + job.id());
            response.setHeader("Content-Location", base + "/" + JOB_STATUS + "?_jobId=" + job.id());
            FhirResponses.write(fhir, request, response, 202, info("accepted; poll Content-Location for the result"));
            return;
        }
        PipelineResult result = pipeline.run(kind, input, CallMode.SYNCHRONOUS, Progress.NONE, () -> false, times);
        if (result.reused()) {
            readAccess.requireCompositionRead(result.patientRef());
        }
        times.time(Step.STORE, () -> audit.served(operationName(kind), input, result.patientRef(), "Composition/" + result.compositionId()));
        FhirResponses.Encoded document = times.time(Step.DOCUMENT,
                () -> FhirResponses.encode(fhir, request, documents.document(result.compositionId(), base)));
        response.setHeader("Content-Location", base + "/Composition/" + result.compositionId());
        response.setHeader("X-Request-Id", input.requestId());
        response.setHeader("Server-Timing", times.header());
        FhirResponses.write(response, 200, document);
    }

    /** {@code $summarize} of {@code Encounter/$summarize}. Failures are thrown and recorded by the REST audit interceptor. */
    private static String operationName(OperationKind kind) {
        return kind.path().substring(kind.path().indexOf('$'));
    }

    private static boolean prefersAsync(HttpServletRequest request) {
        var prefer = request.getHeaders("Prefer");
        while (prefer.hasMoreElements()) {
            if (prefer.nextElement().toLowerCase(Locale.ROOT).contains("respond-async")) return true;
        }
        return false;
    }

    private static OperationOutcome info(String text) {
        OperationOutcome oo = new OperationOutcome();
        oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL).setDiagnostics(text);
        return oo;
    }

}
