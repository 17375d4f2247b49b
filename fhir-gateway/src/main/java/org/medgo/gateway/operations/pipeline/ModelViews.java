package org.medgo.gateway.operations.pipeline;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.fhir.BundleDeidentifier;
import org.medgo.deidentify.fhir.DeidentifiedResource;
import org.medgo.deidentify.vault.Vault;
import org.medgo.gateway.operations.OperationsProperties;
import org.medgo.gateway.operations.input.OperationInput;
import org.medgo.gateway.operations.prompt.KeyedRecord;
import org.medgo.gateway.operations.prompt.Omitted;
import org.medgo.gateway.operations.prompt.PromptTemplates;
import org.medgo.gateway.operations.prompt.RecordFit;
import org.medgo.gateway.operations.prompt.RecordScope;
import org.medgo.gateway.operations.prompt.RecordLanguage;
import org.medgo.gateway.operations.prompt.RecordRenderer;
import org.springframework.stereotype.Component;

/** De-identifies a record and renders its prompt: exactly what the model receives (also the $deidentify preview). */
@Component
public class ModelViews {

    private final BundleDeidentifier deidentifier;
    private final DeidSecrets secrets;
    private final Vault vault;
    private final PromptTemplates templates;
    private final OperationsProperties properties;
    private final OperationAudit audit;

    ModelViews(BundleDeidentifier deidentifier, DeidSecrets secrets, Vault vault, PromptTemplates templates,
            OperationsProperties properties, OperationAudit audit) {
        this.deidentifier = deidentifier;
        this.secrets = secrets;
        this.vault = vault;
        this.templates = templates;
        this.properties = properties;
        this.audit = audit;
    }

    /**
     * The de-identifier works on its own copy, so the input Bundle is neither copied here nor changed.
     * Audited as a DEIDENTIFY event ({@code auditStep}) with the counts per PHI type. The record is the most recent
     * encounter's, as a summary's is; a Bundle with no Encounter is shown whole.
     */
    public ModelView of(OperationKind kind, OperationInput input, String patientRef, String auditStep) {
        return kept(prepare(kind, input, RecordParts.latestEncounterEntry(input.bundle())), input, patientRef, auditStep);
    }

    /**
     * The CPU part, with no I/O and nothing stored: de-identification, rendering, language, template. It may run
     * while the record is still being validated; {@link #kept} stores and audits it only once the call goes ahead.
     * {@code focalEncounter}: where the encounter the draft is about stands in the input Bundle (-1: none held).
     */
    public Prepared prepare(OperationKind kind, OperationInput input, int focalEncounter) {
        DeidSession session = DeidSession.newRequest(secrets);
        DeidentifiedResource deid = deidentifier.deidentify(input.bundle(), session);
        Bundle bundle = (Bundle) deid.resource();
        // the position is the input's; de-identification keeps the entries in place, so it still names the encounter
        RecordFit.Fitted scoped = RecordScope.toEncounter(RecordRenderer.render(bundle), bundle, focalEncounter);
        String language = RecordLanguage.of(bundle, scoped.record().text(), input.language());
        return new Prepared(session, deid, bundle, language, templates.current(kind.promptFamily(), language), scoped.record(),
                scoped.omitted());
    }

    /** Stores the surrogates in the vault and audits the de-identification: the view the model may now receive. */
    public ModelView kept(Prepared p, OperationInput input, String patientRef, String auditStep) {
        UUID vaultId = vault.store(p.session(), properties.vaultTtl());
        audit.deidentified(input, auditStep, patientRef, p.deid(), vaultId);
        return new ModelView(p.bundle(), p.language(), p.template(), p.record(), vaultId, p.omitted());
    }

    /** A de-identified record not yet in the vault. */
    public record Prepared(DeidSession session, DeidentifiedResource deid, Bundle bundle, String language,
                           org.medgo.gateway.operations.prompt.PromptTemplate template, KeyedRecord record, Omitted omitted) {}
}
