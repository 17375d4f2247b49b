package org.medgo.gateway.operations.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.audit.Requester;
import org.springframework.stereotype.Component;

/**
 * The audit events of the operations (audit module): each step's outcome with references, counts, ids and
 * SHA-256 digests of prompt and output, never their text. A failed audit write stops the request
 * ({@code AuditException} propagates): no model run and no stored document without its record.
 */
@Component
public class OperationAudit {

    private final AuditTrail trail;

    OperationAudit(AuditTrail trail) {
        this.trail = trail;
    }

    public void record(EventType type, String step, Outcome outcome, String failure, Requester who, String patientRef,
            String entityRef, String requestId, Map<String, ?> details) {
        trail.record(AuditRecord.builder(type, step).action('E').outcome(outcome, failure)
                .client(who.clientId()).user(who.userId()).patient(patientRef).entity(entityRef).request(requestId)
                .details(details).build());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
