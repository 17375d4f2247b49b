package org.medgo.gateway.ehr.writeback;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.ehr.EhrConnection;
import org.medgo.gateway.operations.composition.DocumentBundles;
import org.medgo.gateway.review.ReviewDecision;
import org.medgo.gateway.review.ReviewDecisionListener;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts reviewed notes in the outbox, in the transaction of the clinician's decision: an approved note
 * (Composition, and DocumentReference if configured); a rejected draft only with
 * {@code rejections=entered-in-error}. Nothing is queued without an EMR connection or with write-back off.
 */
@Component
@EnableConfigurationProperties(WritebackProperties.class)
public class WritebackOutbox implements ReviewDecisionListener {

    /** One row as the review app and {@code GET Composition/{id}} show it. */
    public record Entry(String kind, OutboxStatus status, int attempts, Optional<String> ehrId, Optional<String> ehrVersion,
            Optional<String> lastError, Optional<Instant> sentAt) {}

    private final JdbcClient db;
    private final FhirContext fhir;
    private final DocumentBundles documents;
    private final WritebackProperties properties;
    private final EhrConnection ehr;

    WritebackOutbox(DataSource dataSource, FhirContext fhir, DocumentBundles documents, WritebackProperties properties,
            EhrConnection ehr) {
        this.db = JdbcClient.create(dataSource);
        this.fhir = fhir;
        this.documents = documents;
        this.properties = properties;
        this.ehr = ehr;
    }

    @Override
    public void decided(Composition decided, ReviewDecision.Kind kind) {
        if (!properties.enabled() || ehr.client().isEmpty()) {
            return;
        }
        if (kind == ReviewDecision.Kind.REJECT && properties.rejections() == WritebackProperties.Rejections.SKIP) {
            return;
        }
        String id = decided.getIdElement().getIdPart();
        Bundle document = documents.document(id, EmrNotes.GENERATED_BASE);
        document.getEntryFirstRep().setResource(decided);
        Composition note = EmrNotes.composition(document, id);
        enqueue(id, NoteKind.COMPOSITION, note);
        if (properties.documentReference()) {
            enqueue(id, NoteKind.DOCUMENT_REFERENCE, EmrNotes.documentReference(note, id));
        }
    }

    private void enqueue(String compositionId, NoteKind kind, Resource resource) {
        db.sql("""
                INSERT INTO ehr_outbox (id, composition_id, kind, identifier, resource, status)
                VALUES (?, ?, ?, ?, ?::jsonb, 'pending') ON CONFLICT (composition_id, kind) DO NOTHING""")
                .params(UUID.randomUUID(), UUID.fromString(compositionId), kind.code(),
                        EmrNotes.IDENTIFIER_SYSTEM + "|urn:uuid:" + compositionId, fhir.newJsonParser().encodeResourceToString(resource))
                .update();
    }

    public List<Entry> entries(String compositionId) {
        UUID id;
        try {
            id = UUID.fromString(compositionId);
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        return db.sql("SELECT kind, status, attempts, ehr_id, ehr_version, last_error, sent_at FROM ehr_outbox "
                        + "WHERE composition_id = ? ORDER BY kind")
                .param(id)
                .query((rs, n) -> new Entry(rs.getString(1), OutboxStatus.ofCode(rs.getString(2)), rs.getInt(3),
                        Optional.ofNullable(rs.getString(4)), Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getTimestamp(7)).map(java.sql.Timestamp::toInstant)))
                .list();
    }

    long count(OutboxStatus status) {
        return db.sql("SELECT count(*) FROM ehr_outbox WHERE status = ?").param(status.code()).query(Long.class).single();
    }
}
