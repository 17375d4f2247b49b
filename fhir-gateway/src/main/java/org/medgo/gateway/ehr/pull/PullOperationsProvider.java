package org.medgo.gateway.ehr.pull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.medgo.audit.Outcome;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.ehr.EhrClient;
import org.medgo.gateway.ehr.EhrConnection;
import org.medgo.gateway.fhir.FhirServerCustomizer;
import org.medgo.gateway.operations.FhirResponses;
import org.medgo.gateway.operations.composition.DocumentBundles;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.input.RequestBodyReader;
import org.medgo.gateway.operations.pipeline.CallMode;
import org.medgo.gateway.operations.pipeline.ClinicalAiPipeline;
import org.medgo.gateway.ehr.EhrAudit;
import org.medgo.gateway.operations.pipeline.OperationKind;
import org.medgo.gateway.operations.pipeline.PipelineResult;
import org.medgo.gateway.operations.pipeline.Progress;
import org.medgo.gateway.security.ReadAccess;
import org.springframework.stereotype.Component;

/**
 * Pull mode: {@code POST /fhir/Encounter/{id}/$summarize}, {@code /Encounter/{id}/$differential},
 * {@code /DiagnosticReport/{id}/$differential}, with no body or a {@code Parameters} of options
 * ({@code language}, {@code requestId}). The record is read from the EMR ({@link RecordPull}) and goes
 * through the same pipeline as a pushed Bundle; what was read is audited and listed in the Provenance.
 */
@Component
public class PullOperationsProvider implements FhirServerCustomizer {

    private static final int MAX_OPTIONS_BYTES = 16 * 1024;

    private final FhirContext fhir;
    private final RecordPull pull;
    private final ClinicalAiPipeline pipeline;
    private final DocumentBundles documents;
    private final RequestBodyReader reader;
    private final PullProvenance provenance;
    private final EhrAudit audit;
    private final EhrConnection ehr;
    private final ReadAccess readAccess;

    PullOperationsProvider(FhirContext fhir, RecordPull pull, ClinicalAiPipeline pipeline, DocumentBundles documents,
            RequestBodyReader reader, PullProvenance provenance, EhrAudit audit, EhrConnection ehr, ReadAccess readAccess) {
        this.fhir = fhir;
        this.pull = pull;
        this.pipeline = pipeline;
        this.documents = documents;
        this.reader = reader;
        this.provenance = provenance;
        this.audit = audit;
        this.ehr = ehr;
        this.readAccess = readAccess;
    }

    @Override
    public void customize(RestfulServer server) {
        server.registerProvider(this);
    }

    @Operation(name = "$summarize", type = org.hl7.fhir.r4.model.Encounter.class, manualRequest = true, manualResponse = true)
    public void summarize(@IdParam IdType id, HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.SUMMARIZE, id, request, response);
    }

    @Operation(name = "$differential", type = org.hl7.fhir.r4.model.Encounter.class, manualRequest = true, manualResponse = true)
    public void encounterDifferential(@IdParam IdType id, HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.ENCOUNTER_DIFFERENTIAL, id, request, response);
    }

    @Operation(name = "$differential", type = org.hl7.fhir.r4.model.DiagnosticReport.class, manualRequest = true, manualResponse = true)
    public void reportDifferential(@IdParam IdType id, HttpServletRequest request, HttpServletResponse response) {
        call(OperationKind.REPORT_DIFFERENTIAL, id, request, response);
    }

    /** Reads the record from the EMR, runs the pipeline and records what was read; the document's Composition id. */
    public PipelineResult pullAndRun(EhrClient client, OperationKind kind, String focalId, Optional<String> language,
            String requestId, boolean requestIdGiven, Requester requester, boolean waitForModel) {
        String base = client.base();
        PulledRecord record;
        try {
            record = pull.pull(client, kind, focalId);
        } catch (RuntimeException e) {
            audit.record("ehr-pull", Outcome.MINOR_FAILURE, e.getClass().getSimpleName(), requester, null,
                    kind.focus().getSimpleName() + "/" + focalId, requestId, Map.of("ehr", base));
            throw e;
        }
        OperationInput input = new OperationInput(record.bundle(), language, requestId, requestIdGiven, requester);
        PipelineResult result = pipeline.run(kind, input, waitForModel ? CallMode.JOB : CallMode.SYNCHRONOUS, Progress.NONE, () -> false);
        provenance.attach(result.compositionId(), base, record);
        Map<String, Object> details = new TreeMap<>();
        record.counts().forEach((type, n) -> details.put("count." + type, n));
        details.put("ehr", base);
        details.putAll(fetchedDetails(record.fetched()));
        audit.record("ehr-pull", Outcome.SUCCESS, null, requester, record.patientRef(),
                "Composition/" + result.compositionId(), requestId, details);
        return result;
    }

    /**
     * The versioned ids read, in chunks that fit the audit record (at most {@value #AUDITED_ID_CHARS} characters in
     * all), and the SHA-256 of the whole list: the complete list is in the draft's Provenance.
     */
    static Map<String, Object> fetchedDetails(java.util.List<String> fetched) {
        Map<String, Object> details = new TreeMap<>();
        details.put("fetchedSha256", org.medgo.gateway.operations.pipeline.OperationAudit.sha256(String.join(" ", fetched)));
        StringBuilder chunk = new StringBuilder();
        int chunks = 0;
        int written = 0;
        for (String ref : fetched) {
            if (written + ref.length() + 1 > AUDITED_ID_CHARS) {
                details.put("fetchedTruncated", true);
                break;
            }
            if (chunk.length() + ref.length() + 1 > 480) {
                details.put(String.format("fetched.%02d", ++chunks), chunk.toString().strip());
                chunk.setLength(0);
            }
            chunk.append(ref).append(' ');
            written += ref.length() + 1;
        }
        if (!chunk.isEmpty()) {
            details.put(String.format("fetched.%02d", ++chunks), chunk.toString().strip());
        }
        return details;
    }

    private static final int AUDITED_ID_CHARS = 5000;

    private void call(OperationKind kind, IdType id, HttpServletRequest request, HttpServletResponse response) {
        if (!id.hasIdPart() || !id.getIdPart().matches("[A-Za-z0-9\\-.]{1,64}")) {
            throw new InvalidRequestException("the resource id must be 1-64 characters of A-Z a-z 0-9 - .");
        }
        Parameters options = options(request);
        Optional<String> language = option(options, "language").map(l -> l.toLowerCase(Locale.ROOT));
        if (language.isPresent() && !language.get().matches("en|zh")) {
            throw new InvalidRequestException("language must be en or zh");
        }
        Optional<String> given = option(options, "requestId").or(() -> Optional.ofNullable(request.getHeader("X-Request-Id")))
                .filter(s -> !s.isBlank());
        if (given.isPresent() && !given.get().matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new InvalidRequestException("the request id must be 1-64 characters of A-Z a-z 0-9 . _ : -");
        }
        String requestId = given.orElseGet(() -> UUID.randomUUID().toString());
        PipelineResult result = pullAndRun(ehr.require(), kind, id.getIdPart(), language, requestId, given.isPresent(),
                Requester.of(request), false);
        if (result.reused()) {
            // a replayed request id hands out the earlier document: only to a token that could read it (as push mode)
            readAccess.requireCompositionRead(result.patientRef());
        }
        audit.record("operation:" + kind.path().substring(kind.path().indexOf('$')), Outcome.SUCCESS, null,
                Requester.of(request), null, "Composition/" + result.compositionId(), requestId, Map.of("mode", "pull"));
        String base = FhirResponses.serverBase(request);
        response.setHeader("Content-Location", base + "/Composition/" + result.compositionId());
        response.setHeader("X-Request-Id", requestId);
        FhirResponses.write(fhir, request, response, 200, documents.document(result.compositionId(), base));
    }

    private Parameters options(HttpServletRequest request) {
        if (request.getContentLengthLong() == 0 || request.getContentType() == null) {
            return new Parameters();
        }
        if (request.getContentLengthLong() > MAX_OPTIONS_BYTES) {
            throw new InvalidRequestException("pull mode takes at most a small Parameters of options");
        }
        try {
            String body = new String(request.getInputStream().readNBytes(MAX_OPTIONS_BYTES + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (body.isBlank()) {
                return new Parameters();
            }
            if (body.length() > MAX_OPTIONS_BYTES) {
                throw new InvalidRequestException("pull mode takes at most a small Parameters of options");
            }
            if (reader.parse(request.getContentType(), body) instanceof Parameters p) {
                return p;
            }
            throw new InvalidRequestException("pull mode takes no body or a Parameters of options (language, requestId)");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<String> option(Parameters parameters, String name) {
        return parameters.getParameter().stream()
                .filter(p -> name.equals(p.getName()) && p.getValue() instanceof PrimitiveType<?>)
                .map(p -> ((PrimitiveType<?>) p.getValue()).getValueAsString())
                .findFirst();
    }
}
