package org.medgo.gateway.operations.summarize;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.medgo.gateway.operations.citation.CitedText;
import org.medgo.gateway.operations.citation.Citations;
import org.medgo.gateway.operations.composition.CompositionSkeleton;
import org.medgo.gateway.operations.composition.DocumentContext;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.operations.composition.AiProvenance;
import org.medgo.gateway.operations.composition.SafeNarrative;

/**
 * A re-identified {@link SummaryDraft} as a Composition: a discharge summary
 * (LOINC 18842-5) for a finished inpatient encounter, a progress note (11506-3) otherwise, one LOINC-coded
 * section per field, one paragraph per statement. Each statement's cited record items become the section's
 * entries (the EMR's resources) and a {@link Citations#STATEMENT} extension; uncited ones are marked and counted.
 */
public final class SummaryMapper {

    private record SectionCode(Function<SummaryDraft, List<CitedText>> field, String code, String display, String titleEn, String titleZh) {}

    private static final List<SectionCode> DISCHARGE = List.of(
            new SectionCode(SummaryDraft::course, "8648-8", "Hospital course Narrative", "Hospital course", "住院经过"),
            new SectionCode(SummaryDraft::diagnoses, "11535-2", "Hospital discharge Dx Narrative", "Discharge diagnoses", "出院诊断"),
            new SectionCode(SummaryDraft::medications, "10183-2", "Hospital discharge medications Narrative", "Discharge medications", "出院带药"),
            new SectionCode(SummaryDraft::plan, "18776-5", "Plan of care note", "Plan and follow-up", "随访与计划"));
    private static final List<SectionCode> PROGRESS = List.of(
            new SectionCode(SummaryDraft::course, "10164-2", "History of Present illness Narrative", "Clinical course", "诊疗经过"),
            new SectionCode(SummaryDraft::diagnoses, "51848-0", "Evaluation note", "Assessment", "评估"),
            new SectionCode(SummaryDraft::medications, "10160-0", "History of Medication use Narrative", "Medications", "用药"),
            new SectionCode(SummaryDraft::plan, "18776-5", "Plan of care note", "Plan", "计划"));

    private SummaryMapper() {}

    public static boolean isDischarge(Encounter encounter) {
        boolean inpatient = encounter.hasClass_() && List.of("IMP", "ACUTE", "NONAC").contains(encounter.getClass_().getCode());
        return inpatient && encounter.getStatus() == Encounter.EncounterStatus.FINISHED;
    }

    public static GeneratedDocument map(SummaryDraft draft, Encounter encounter, DocumentContext ctx) {
        boolean discharge = isDischarge(encounter);
        Composition c = discharge
                ? CompositionSkeleton.of(ctx, "18842-5", "Discharge summary", ctx.chinese() ? "AI 生成的出院小结（待审核）" : "AI-generated discharge summary (preliminary)")
                : CompositionSkeleton.of(ctx, "11506-3", "Progress note", ctx.chinese() ? "AI 生成的病程记录（待审核）" : "AI-generated progress note (preliminary)");
        Citations citations = new Citations();
        for (SectionCode s : discharge ? DISCHARGE : PROGRESS) {
            Composition.SectionComponent section = CompositionSkeleton.section(c, s.code(), s.display(), ctx.chinese() ? s.titleZh() : s.titleEn());
            List<String> texts = new ArrayList<>();
            for (CitedText statement : s.field().apply(draft)) {
                String text = statement.text().strip();
                if (text.isEmpty()) continue;
                List<Reference> sources = ctx.sources().resolve(statement.keys());
                section.addExtension(citations.statement(Citations.STATEMENT, text, sources, ctx.sources().keys(statement.keys())));
                Citations.addSectionEntries(section, sources);
                texts.add(text);
            }
            section.setText(SafeNarrative.of(texts, List.of()));
        }
        var provenance = AiProvenance.of(ctx.compositionId(), List.of(c), ctx.device(), ctx.templateId(), ctx.date());
        citations.finish(c, provenance);
        return new GeneratedDocument(c, List.of(), provenance, ctx.device());
    }
}
