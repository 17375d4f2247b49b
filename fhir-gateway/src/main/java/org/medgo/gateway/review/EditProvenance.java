package org.medgo.gateway.review;

import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;

/**
 * The clinician's edits on the draft's Provenance: one {@value #EDIT} extension per changed section
 * ({@code section} title, {@code original} as the model wrote it, {@code final} as signed) and the draft's
 * {@value #EDIT_RATIO}. The audit record keeps only the counts and the ratio (no record text in the audit).
 */
final class EditProvenance {

    static final String BASE = "https://medgo.org/fhir/StructureDefinition/";
    static final String EDIT = BASE + "review-edit";
    static final String EDIT_RATIO = BASE + "review-edit-ratio";

    private EditProvenance() {}

    static void record(Provenance p, DraftEdits edits) {
        for (DraftEdits.SectionEdit s : edits.sections()) {
            Extension e = p.addExtension().setUrl(EDIT);
            e.addExtension("section", new StringType(s.title()));
            e.addExtension("original", new StringType(s.original()));
            e.addExtension("final", new StringType(s.revised()));
        }
        p.addExtension(EDIT_RATIO, new DecimalType(Math.round(edits.ratio() * 1000) / 1000.0));
    }
}
