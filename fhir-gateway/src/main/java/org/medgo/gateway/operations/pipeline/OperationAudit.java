package org.medgo.gateway.operations.pipeline;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.deidentify.fhir.DeidentifiedResource;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.model.ModelIdentity;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The audit events of the operations (audit module): each step's outcome with references, counts, ids and
 * SHA-256 digests of prompt and output, never their text. A failed audit write stops the request
 * ({@code AuditException} propagates): no model run and no stored document without its record.
 */
@Component
public class OperationAudit {

    private final AuditTrail trail;
    private final DataSource dataSource;

    OperationAudit(AuditTrail trail, DataSource dataSource) {
        this.trail = trail;
        this.dataSource = dataSource;
    }

    /** A record was de-identified ({@code step}: the prompt family, or {@code preview}); counts per PHI type. */
    void deidentified(OperationInput input, String step, String patientRef, DeidentifiedResource deid, UUID vaultId) {
        AuditRecord.Builder record = event(EventType.DEIDENTIFY, step, input).patient(patientRef)
                .detail("ruleSet", deid.ruleSet()).detail("vault", vaultId.toString());
        deid.counts().forEach((type, n) -> record.detail("phi." + type.name(), n));
        trail.record(record.build());
    }

    /** The model wrote a document and it was stored as {@code compositionId}. */
    void generated(PipelineRun run, String compositionId, String deviceId, ModelIdentity model) {
        trail.record(modelRun(run, compositionId, deviceId, model));
    }

    /** As {@link #generated}, inside the open transaction that stores the document (see CompositionStore). */
    void generatedInTransaction(PipelineRun run, String compositionId, String deviceId, ModelIdentity model) {
        trail.record(DataSourceUtils.getConnection(dataSource), modelRun(run, compositionId, deviceId, model));
    }

    private AuditRecord modelRun(PipelineRun run, String compositionId, String deviceId, ModelIdentity model) {
        return event(EventType.MODEL_RUN, run.kind.promptFamily(), run.input).patient(run.patientRef)
                .entity("Composition/" + compositionId)
                .detail("operation", run.kind.path()).detail("model", deviceId).detail("modelVersion", model.version())
                .detail("promptTemplate", run.view.template().id())
                .detail("promptSha256", sha256(String.valueOf(run.request.prompt())))
                .detail("outputSha256", sha256(run.result.text()))
                .detail("promptTokens", run.result.promptTokens()).detail("completionTokens", run.result.completionTokens())
                .detail("finishReason", run.result.finishReason().name()).detail("leaksRedacted", run.leaksRedacted)
                .build();
    }

    /**
     * The run failed in its current stage: a client error, a busy model or a cancellation is a minor
     * failure, anything else serious. The reason is the HTTP status, never the message (it may quote input).
     */
    void failed(PipelineRun run, RuntimeException e) {
        int status = e instanceof BaseServerResponseException b ? b.getStatusCode() : 500;
        boolean cancelled = e instanceof CancellationException;
        boolean minor = status < 500 || status == 503 || cancelled;
        Stage stage = run.stage();
        trail.record(event(stage.auditEvent(), run.kind.promptFamily() + "." + stage.code(), run.input)
                .outcome(minor ? Outcome.MINOR_FAILURE : Outcome.SERIOUS_FAILURE, cancelled ? "cancelled" : "HTTP " + status)
                .patient(run.patientRef).detail("operation", run.kind.path()).build());
    }

    /**
     * A manual-response operation answered successfully. HAPI's outgoing-response hook (where the REST audit
     * interceptor records successes) does not run for those, so they record their success themselves.
     */
    public void served(String operation, OperationInput input, String patientRef, String entityRef) {
        trail.record(event(EventType.REST, "operation:" + operation, input).patient(patientRef).entity(entityRef).build());
    }

    private static AuditRecord.Builder event(EventType type, String step, OperationInput input) {
        return AuditRecord.builder(type, step).action('E').client(input.requester().clientId())
                .user(input.requester().userId()).request(input.requestId());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
