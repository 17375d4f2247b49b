package org.medgo.gateway.review;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.audit.AuditRecord;
import org.medgo.audit.EventType;
import org.medgo.audit.Outcome;
import org.medgo.audit.chain.AuditTrail;
import org.medgo.gateway.audit.Requester;
import org.medgo.gateway.operations.composition.AiLabels;
import org.medgo.gateway.operations.composition.SafeNarrative;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a clinician's decision to a stored AI draft, in one transaction with its audit record: approve
 * (optionally with edited section texts) → {@code final}, the clinician as legal attester and as verifier
 * agent on the draft's Provenance; reject → {@code entered-in-error} with the reason. The AIAST label stays
 * either way: the content remains AI-asserted even after a human signed it. Only a {@code preliminary}
 * draft can be decided, and the row is locked while it is, so two reviewers cannot both decide it.
 */
@Component
public class CompositionReview {

    static final String REJECTION_REASON_URL = org.medgo.gateway.operations.conformance.GatewayConformance.REJECTION_REASON;
    private static final String PARTICIPANT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private final DataSource dataSource;
    private final JdbcClient db;
    private final TransactionTemplate tx;
    private final FhirContext fhir;
    private final AuditTrail audit;
    private final EditRatioMetric editRatio;
    private final org.springframework.beans.factory.ObjectProvider<ReviewDecisionListener> listeners;

    CompositionReview(DataSource dataSource, FhirContext fhir, AuditTrail audit, EditRatioMetric editRatio,
            org.springframework.beans.factory.ObjectProvider<ReviewDecisionListener> listeners) {
        this.editRatio = editRatio;
        this.listeners = listeners;
        this.dataSource = dataSource;
        this.db = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.fhir = fhir;
        this.audit = audit;
    }

    public Composition decide(String compositionId, ReviewDecision decision, Requester who) {
        return decide(compositionId, decision, who, null);
    }

    /**
     * {@code expectedVersion}: the version the reviewer saw ({@code If-Match}); another version by now is a 412,
     * so two reviewers cannot overwrite each other. Null: no precondition.
     */
    public Composition decide(String compositionId, ReviewDecision decision, Requester who, Integer expectedVersion) {
        if (decision.reviewer() == null) {
            throw new AuthenticationException("a review decision needs an authenticated clinician");
        }
        Reference reviewer = reviewerReference(decision.reviewer());
        validate(decision);
        UUID id = parseId(compositionId);
        IParser json = fhir.newJsonParser();
        double[] ratio = {0};
        Composition decided = tx.execute(status -> {
            Map.Entry<String, Integer> stored = db.sql("SELECT resource::text, version FROM operations_composition WHERE id = ? FOR UPDATE")
                    .param(id).query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).optional()
                    .orElseThrow(() -> new ResourceNotFoundException(new IdType("Composition", compositionId)));
            int version = stored.getValue();
            if (expectedVersion != null && expectedVersion != version) {
                throw new PreconditionFailedException("Composition/" + compositionId + " is at version " + version + ", not "
                        + expectedVersion + " (If-Match): someone else decided it; read it again");
            }
            Composition c = json.parseResource(Composition.class, stored.getKey());
            if (c.getStatus() != Composition.CompositionStatus.PRELIMINARY) {
                throw new ResourceVersionConflictException("Composition/" + compositionId + " is " + c.getStatus().toCode()
                        + "; only a preliminary draft can be approved or rejected");
            }
            Date now = new Date();
            DraftEdits edits = DraftEdits.none();
            if (decision.kind() == ReviewDecision.Kind.APPROVE) {
                edits = applyEdits(c, decision);
                c.setStatus(Composition.CompositionStatus.FINAL);
                c.addAttester().setMode(Composition.CompositionAttestationMode.LEGAL).setTime(now).setParty(reviewer);
            } else {
                c.setStatus(Composition.CompositionStatus.ENTEREDINERROR);
                c.addExtension(REJECTION_REASON_URL, new StringType(decision.reason()));
            }
            if (!AiLabels.isLabelled(c)) {
                AiLabels.label(c);
            }
            int next = version + 1;
            c.getMeta().setLastUpdated(now).setVersionId(String.valueOf(next));
            c.setIdElement(new IdType("Composition", compositionId, String.valueOf(next)));
            String resource = json.encodeResourceToString(c);
            db.sql("UPDATE operations_composition SET status = ?, resource = ?::jsonb, version = ?, updated_at = now() WHERE id = ?")
                    .params(c.getStatus().toCode(), resource, next, id).update();
            db.sql("INSERT INTO operations_composition_version (id, version, resource) VALUES (?, ?, ?::jsonb)")
                    .params(id, next, resource).update();
            addHumanAgent(id, reviewer, decision.kind(), edits, json);
            Composition result = c;
            listeners.orderedStream().forEach(l -> l.decided(result, decision.kind()));
            // same connection, same transaction: no decision without its audit record, and no record of a decision that rolled back
            audit.record(DataSourceUtils.getConnection(dataSource), AuditRecord.builder(EventType.REVIEW, decision.kind() == ReviewDecision.Kind.APPROVE ? "approve" : "reject")
                    .action('U').outcome(Outcome.SUCCESS, null)
                    .client(who.clientId()).user(decision.reviewer())
                    .patient(c.getSubject().getReference()).entity("Composition/" + compositionId)
                    .details(Map.of("editedSections", edits.sections().size(), "status", c.getStatus().toCode(),
                            "editRatio", Math.round(edits.ratio() * 1000) / 1000.0, "changedTokens", edits.changedTokens()))
                    .build());
            ratio[0] = edits.ratio();
            return c;
        });
        // after the commit: a metric is no reason to roll a decision back
        if (decision.kind() == ReviewDecision.Kind.APPROVE) {
            editRatio.record(decided.getType().getCodingFirstRep().getCode(), ratio[0]);
        }
        return decided;
    }

    private static void validate(ReviewDecision d) {
        if (d.kind() == ReviewDecision.Kind.REJECT) {
            if (d.reason() == null || d.reason().isBlank()) {
                throw new InvalidRequestException("$reject needs a reason");
            }
            if (d.reason().length() > ReviewDecision.MAX_REASON_CHARS) {
                throw new InvalidRequestException("reason is longer than " + ReviewDecision.MAX_REASON_CHARS + " characters");
            }
        }
        for (String text : d.sectionTexts()) {
            if (text == null || text.length() > ReviewDecision.MAX_SECTION_CHARS) {
                throw new InvalidRequestException("each section text must be present and at most " + ReviewDecision.MAX_SECTION_CHARS + " characters");
            }
        }
    }

    /**
     * Edited texts arrive as plain text and are escaped into the narrative, so an edit cannot inject markup.
     * Returns what changed, original → final, for the Provenance and the edit ratio.
     */
    private static DraftEdits applyEdits(Composition c, ReviewDecision d) {
        List<String> titles = c.getSection().stream().map(Composition.SectionComponent::getTitle).toList();
        List<String> originals = c.getSection().stream().map(CompositionReview::plainText).toList();
        if (d.sectionTexts().isEmpty()) {
            return DraftEdits.of(titles, originals, originals);
        }
        if (d.sectionTexts().size() != c.getSection().size()) {
            throw new InvalidRequestException("expected " + c.getSection().size() + " section texts, got " + d.sectionTexts().size());
        }
        for (int i = 0; i < c.getSection().size(); i++) {
            Composition.SectionComponent section = c.getSection().get(i);
            String text = d.sectionTexts().get(i);
            // whitespace-blind: a client renders paragraphs with blank lines, the narrative has none
            if (!text.replaceAll("\\s+", "").equals(plainText(section).replaceAll("\\s+", ""))) {
                section.setText(SafeNarrative.of(java.util.Arrays.asList(text.split("\\R\\R+")), java.util.List.of()));
            }
        }
        return DraftEdits.of(titles, originals, c.getSection().stream().map(CompositionReview::plainText).toList());
    }

    static String plainText(Composition.SectionComponent section) {
        if (!section.hasText() || section.getText().getDiv() == null) {
            return "";
        }
        return section.getText().getDiv().allText().strip();
    }

    private void addHumanAgent(UUID compositionId, Reference reviewer, ReviewDecision.Kind kind, DraftEdits edits, IParser json) {
        db.sql("SELECT id, resource::text FROM operations_generated_resource WHERE composition_id = ? AND resource_type = 'Provenance' FOR UPDATE")
                .param(compositionId).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(row -> {
                    Provenance p = json.parseResource(Provenance.class, row.getValue());
                    Provenance.ProvenanceAgentComponent agent = p.addAgent();
                    agent.setType(new CodeableConcept(kind == ReviewDecision.Kind.APPROVE
                            ? new Coding(PARTICIPANT_TYPE, "verifier", "Verifier")
                            : new Coding(PARTICIPANT_TYPE, "performer", "Performer")));
                    agent.setWho(reviewer);
                    if (kind == ReviewDecision.Kind.APPROVE) {
                        EditProvenance.record(p, edits);
                    }
                    db.sql("UPDATE operations_generated_resource SET resource = ?::jsonb WHERE resource_type = 'Provenance' AND id = ?")
                            .params(json.encodeResourceToString(p), row.getKey()).update();
                });
    }

    /** The signer of a decision: only a fhirUser naming a Practitioner or PractitionerRole (issue 15 V6), else 403. */
    static Reference reviewerReference(String reviewer) {
        return Attester.of(reviewer).orElseThrow(() -> new ForbiddenOperationException(
                "only a clinician whose token's fhirUser names a Practitioner or PractitionerRole may decide on a draft"));
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResourceNotFoundException(new IdType("Composition", id));
        }
    }
}
