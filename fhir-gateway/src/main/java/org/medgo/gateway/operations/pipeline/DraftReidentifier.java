package org.medgo.gateway.operations.pipeline;

import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.medgo.deidentify.leak.LeakReport;
import org.medgo.deidentify.leak.LeakScanner;
import org.medgo.deidentify.relink.Reidentifier;
import org.medgo.deidentify.vault.Vault;
import org.medgo.deidentify.vault.VaultEntries;
import org.medgo.gateway.operations.citation.SourceIndex;
import org.medgo.gateway.operations.citation.SourceLine;
import org.medgo.gateway.operations.composition.Draft;
import org.medgo.gateway.operations.composition.FhirStringCharacters;
import org.springframework.stereotype.Component;

/**
 * Turns a draft's texts into what a clinician reads, in one pass over the whole draft: the leak scan
 * redacts real PHI the model produced on its own, then surrogates are replaced by the real values of the
 * request's vault entry.
 */
@Component
class DraftReidentifier {

    /** The re-identified draft and how many leaked PHI values were redacted from it. */
    record Reidentified<D>(D draft, int leaksRedacted) {}

    private final Vault vault;
    private final LeakScanner leakScanner;

    DraftReidentifier(Vault vault, LeakScanner leakScanner) {
        this.vault = vault;
        this.leakScanner = leakScanner;
    }

    <D extends Draft<D>> Reidentified<D> reidentify(D draft, UUID vaultId) {
        VaultEntries entries = vault.load(vaultId).orElseThrow(() -> new IllegalStateException("vault entry expired during the request"));
        ClinicianText text = new ClinicianText(entries);
        D clinician = draft.mapTexts(text);
        return new Reidentified<>(clinician, text.leaks);
    }

    /**
     * The record the model read, line by line with its keys and sources, as the reviewing clinician knows it:
     * the de-identification reversed (no leak scan: this is the clinician's own record, not model output).
     */
    List<SourceLine> sourceRecord(ModelView view, SourceIndex sources) {
        VaultEntries entries = vault.load(view.vaultId()).orElseThrow(() -> new IllegalStateException("vault entry expired during the request"));
        return sources.lines(view.keyed(), t -> FhirStringCharacters.withoutForbidden(Reidentifier.reidentify(t, entries)));
    }

    /** One draft's texts, one after the other on one thread. */
    private final class ClinicianText implements UnaryOperator<String> {
        private final VaultEntries entries;
        private int leaks;

        ClinicianText(VaultEntries entries) {
            this.entries = entries;
        }

        @Override
        public String apply(String modelText) {
            LeakReport report = leakScanner.scan(modelText, entries);
            leaks += report.leaks().size();
            return FhirStringCharacters.withoutForbidden(Reidentifier.reidentify(report.text(), entries));
        }
    }
}
