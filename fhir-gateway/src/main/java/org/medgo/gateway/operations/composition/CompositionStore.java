package org.medgo.gateway.operations.composition;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Resource;
import org.medgo.gateway.operations.idempotency.IdempotencyKey;
import org.medgo.gateway.operations.idempotency.PriorCall;
import org.medgo.gateway.operations.citation.SourceLine;
import org.medgo.gateway.fhir.SearchPage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generated documents in PostgreSQL: the Composition as JSONB with its search columns, and the Conditions,
 * Provenance and Device generated with it. One Composition per idempotency key (client and request id), so a retried or
 * resumed request finds the first one instead of writing a second.
 */
@Component
public class CompositionStore {

    /** Search criteria; null = not constrained. {@code updatedFrom}/{@code updatedTo}: {@code _lastUpdated}. */
    public record Query(String patientRef, String encounterRef, String status, String typeCode, Instant from, Instant to,
            Instant updatedFrom, Instant updatedTo) {}

    /** Search over the generated resources of one type: by the patient or the Composition they were made with. */
    public record GeneratedQuery(String type, String patientRef, String compositionId, String encounterRef) {}

    /** The draft's version; each review decision adds one. */
    public static final String FIRST_VERSION = "1";

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final FhirContext fhir;

    CompositionStore(DataSource dataSource, FhirContext fhir) {
        this.db = JdbcClient.create(dataSource);
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.fhir = fhir;
    }

    /**
     * Stores the document with the record it was made from ({@code source}) and the received resources it refers
     * to (carried in its document Bundle), in one transaction, unless the key already has one; returns the id of
     * the stored Composition (the earlier one in that case).
     */
    public String saveIfAbsent(GeneratedDocument doc, String operation, IdempotencyKey key, String inputSha256, List<SourceLine> source,
            List<ReceivedResource> received) {
        return saveIfAbsent(doc, operation, key, inputSha256, source, received, id -> { });
    }

    /**
     * As above; when the document is new, {@code inTransaction} runs with its id before the commit, on the same
     * connection (Spring's transaction-bound one): what it writes (the model-run audit record) commits or rolls
     * back with the document, so a crash never leaves a Composition without its record.
     */
    public String saveIfAbsent(GeneratedDocument doc, String operation, IdempotencyKey key, String inputSha256, List<SourceLine> source,
            List<ReceivedResource> received, java.util.function.Consumer<String> inTransaction) {
        IParser json = fhir.newJsonParser();
        Composition c = doc.composition();
        c.getMeta().setVersionId(FIRST_VERSION).setLastUpdated(new java.util.Date());
        String compositionJson = json.encodeResourceToString(c);
        return tx.execute(status -> {
            Optional<UUID> inserted = db.sql("""
                    INSERT INTO operations_composition (id, request_id, client_key, input_sha256, operation, patient_ref, encounter_ref,
                                                        status, type_code, date, resource)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (client_key, request_id) DO NOTHING RETURNING id""")
                    .params(UUID.fromString(c.getIdPart()), key.requestId(), key.client(), inputSha256, operation, c.getSubject().getReference(),
                            c.hasEncounter() ? c.getEncounter().getReference() : null, c.getStatus().toCode(),
                            c.getType().getCodingFirstRep().getCode(), Timestamp.from(c.getDate().toInstant()), compositionJson)
                    .query(UUID.class).optional();
            if (inserted.isEmpty()) {
                return findPrior(key).orElseThrow().resultId();
            }
            UUID id = inserted.get();
            db.sql("INSERT INTO operations_composition_version (id, version, resource) VALUES (?, 1, ?::jsonb)")
                    .params(id, compositionJson).update();
            // one round trip per table, not one per row: a record has dozens of source lines
            List<Object[]> receivedRows = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                receivedRows.add(new Object[] {id, i, received.get(i).fullUrl(), json.encodeResourceToString(received.get(i).resource())});
            }
            batch("INSERT INTO operations_composition_received (composition_id, position, full_url, resource) VALUES (?, ?, ?, ?::jsonb)", receivedRows);
            db.sql("INSERT INTO operations_generated_resource (resource_type, id, composition_id, resource) VALUES ('Device', ?, NULL, ?::jsonb) ON CONFLICT DO NOTHING")
                    .params(doc.device().getIdPart(), json.encodeResourceToString(doc.device())).update();
            List<Resource> owned = new ArrayList<>(doc.entries());
            owned.add(doc.provenance());
            List<Object[]> ownedRows = new ArrayList<>();
            for (Resource r : owned) {
                ownedRows.add(new Object[] {r.fhirType(), r.getIdPart(), id, json.encodeResourceToString(r)});
            }
            batch("INSERT INTO operations_generated_resource (resource_type, id, composition_id, resource) VALUES (?, ?, ?, ?::jsonb)", ownedRows);
            List<Object[]> lines = new ArrayList<>();
            for (int i = 0; i < source.size(); i++) {
                SourceLine line = source.get(i);
                lines.add(new Object[] {id, i, line.key(), line.reference(), line.text()});
            }
            batch("INSERT INTO operations_source_line (composition_id, position, key, reference, text) VALUES (?, ?, ?, ?, ?)", lines);
            inTransaction.accept(id.toString());
            return id.toString();
        });
    }

    /** In the caller's transaction (JdbcTemplate takes the transaction-bound connection, as JdbcClient does). */
    private void batch(String sql, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.batchUpdate(sql, rows);
        }
    }

    /** The Composition an earlier call with this key stored, with its input's fingerprint and patient. */
    public Optional<PriorCall> findPrior(IdempotencyKey key) {
        return db.sql("SELECT id, input_sha256, patient_ref FROM operations_composition WHERE client_key = ? AND request_id = ?")
                .params(key.client(), key.requestId())
                .query((rs, n) -> new PriorCall(rs.getObject("id", UUID.class).toString(), Optional.ofNullable(rs.getString("input_sha256")),
                        Optional.of(rs.getString("patient_ref"))))
                .optional();
    }

    /** The current version; its id carries the version, so HAPI answers with ETag, Last-Modified and 304s. */
    public Optional<Composition> read(String id) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) return Optional.empty();
        return db.sql("SELECT resource::text, version FROM operations_composition WHERE id = ?").param(uuid.get())
                .query((rs, n) -> versioned(rs.getString(1), rs.getInt(2))).optional();
    }

    /** One version (vread): 1 = the draft, 2 = the review decision. */
    public Optional<Composition> readVersion(String id, int version) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) return Optional.empty();
        return db.sql("SELECT resource::text, version FROM operations_composition_version WHERE id = ? AND version = ?")
                .params(uuid.get(), version).query((rs, n) -> versioned(rs.getString(1), rs.getInt(2))).optional();
    }

    /** Every version, newest first (empty when there is no such Composition). */
    public List<Composition> history(String id) {
        Optional<UUID> uuid = uuid(id);
        if (uuid.isEmpty()) return List.of();
        return db.sql("SELECT resource::text, version FROM operations_composition_version WHERE id = ? ORDER BY version DESC")
                .param(uuid.get()).query((rs, n) -> versioned(rs.getString(1), rs.getInt(2))).list();
    }

    private Composition versioned(String json, int version) {
        Composition c = fhir.newJsonParser().parseResource(Composition.class, json);
        c.getMeta().setVersionId(String.valueOf(version));
        c.setIdElement(new org.hl7.fhir.r4.model.IdType("Composition", c.getIdPart(), String.valueOf(version)));
        return c;
    }

    /** One page of the matching Compositions, in {@code orderBy} (a {@link org.medgo.gateway.fhir.SearchSort} clause). */
    public List<Composition> search(Query q, SearchPage page, String orderBy) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT resource::text, version FROM operations_composition WHERE true" + where(q, params)
                + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        params.add(page.count());
        params.add(page.offset());
        return db.sql(sql).params(params).query((rs, n) -> versioned(rs.getString(1), rs.getInt(2))).list();
    }

    public long count(Query q) {
        List<Object> params = new ArrayList<>();
        return db.sql("SELECT count(*) FROM operations_composition WHERE true" + where(q, params)).params(params).query(Long.class).single();
    }

    private static String where(Query q, List<Object> params) {
        StringBuilder sql = new StringBuilder();
        if (q.patientRef() != null) { sql.append(" AND patient_ref = ?"); params.add(q.patientRef()); }
        if (q.encounterRef() != null) { sql.append(" AND encounter_ref = ?"); params.add(q.encounterRef()); }
        if (q.status() != null) { sql.append(" AND status = ?"); params.add(q.status()); }
        if (q.typeCode() != null) { sql.append(" AND type_code = ?"); params.add(q.typeCode()); }
        if (q.from() != null) { sql.append(" AND date >= ?"); params.add(Timestamp.from(q.from())); }
        if (q.to() != null) { sql.append(" AND date <= ?"); params.add(Timestamp.from(q.to())); }
        if (q.updatedFrom() != null) { sql.append(" AND updated_at >= ?"); params.add(Timestamp.from(q.updatedFrom())); }
        if (q.updatedTo() != null) { sql.append(" AND updated_at <= ?"); params.add(Timestamp.from(q.updatedTo())); }
        return sql.toString();
    }

    /** One page of generated resources (Conditions, Provenance), ordered by their Composition's {@code orderBy}. */
    public List<Resource> searchGenerated(GeneratedQuery q, SearchPage page, String orderBy) {
        List<Object> params = new ArrayList<>();
        String sql = "SELECT g.resource::text FROM operations_generated_resource g JOIN operations_composition c ON c.id = g.composition_id"
                + " WHERE " + whereGenerated(q, params) + " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
        params.add(page.count());
        params.add(page.offset());
        IParser parser = fhir.newJsonParser();
        return db.sql(sql).params(params).query(String.class).list().stream().map(s -> (Resource) parser.parseResource(s)).toList();
    }

    public long countGenerated(GeneratedQuery q) {
        List<Object> params = new ArrayList<>();
        return db.sql("SELECT count(*) FROM operations_generated_resource g JOIN operations_composition c ON c.id = g.composition_id WHERE "
                + whereGenerated(q, params)).params(params).query(Long.class).single();
    }

    private static String whereGenerated(GeneratedQuery q, List<Object> params) {
        StringBuilder sql = new StringBuilder("g.resource_type = ?");
        params.add(q.type());
        if (q.patientRef() != null) { sql.append(" AND c.patient_ref = ?"); params.add(q.patientRef()); }
        if (q.encounterRef() != null) { sql.append(" AND c.encounter_ref = ?"); params.add(q.encounterRef()); }
        if (q.compositionId() != null) {
            sql.append(" AND c.id = ?");
            params.add(uuid(q.compositionId()).orElse(new UUID(0, 0)));
        }
        return sql.toString();
    }

    public Optional<Resource> readGenerated(String type, String id) {
        return db.sql("SELECT resource::text FROM operations_generated_resource WHERE resource_type = ? AND id = ?")
                .params(type, id).query(String.class).optional().map(s -> (Resource) fhir.newJsonParser().parseResource(s));
    }

    /** The id of the Composition a generated resource was made with, or null. */
    public String compositionOf(String type, String id) {
        return db.sql("SELECT composition_id FROM operations_generated_resource WHERE resource_type = ? AND id = ?")
                .params(type, id).query(UUID.class).optional().map(UUID::toString).orElse(null);
    }

    /** The received resources a Composition refers to, in the order they were stored. */
    public List<ReceivedResource> received(String compositionId) {
        IParser parser = fhir.newJsonParser();
        return uuid(compositionId).map(id -> db.sql("SELECT full_url, resource::text FROM operations_composition_received WHERE composition_id = ? ORDER BY position")
                .param(id).query((rs, n) -> new ReceivedResource(rs.getString(1), (Resource) parser.parseResource(rs.getString(2)))).list())
                .orElse(List.of());
    }

    /** The Conditions and the Provenance generated with a Composition. */
    public List<Resource> generatedWith(String compositionId) {
        IParser parser = fhir.newJsonParser();
        return uuid(compositionId).map(id -> db.sql("SELECT resource::text FROM operations_generated_resource WHERE composition_id = ? ORDER BY resource_type, id")
                .param(id).query(String.class).list().stream().map(s -> (Resource) parser.parseResource(s)).toList()).orElse(List.of());
    }

    /** The record a draft was made from, in record order (empty for drafts made before citations). */
    public List<SourceLine> sourceRecord(String compositionId) {
        return uuid(compositionId).map(id -> db.sql("SELECT key, reference, text FROM operations_source_line WHERE composition_id = ? ORDER BY position")
                .param(id).query((rs, n) -> new SourceLine(rs.getString(1), rs.getString(2), rs.getString(3))).list()).orElse(List.of());
    }

    public long countByRequestId(String requestId) {
        return db.sql("SELECT count(*) FROM operations_composition WHERE request_id = ?").param(requestId).query(Long.class).single();
    }

    private static Optional<UUID> uuid(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
