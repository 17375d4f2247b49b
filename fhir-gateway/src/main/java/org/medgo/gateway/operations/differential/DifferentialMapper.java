package org.medgo.gateway.operations.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.medgo.gateway.operations.citation.CitedText;
import org.medgo.gateway.operations.citation.Citations;
import org.medgo.gateway.operations.composition.AiLabels;
import org.medgo.gateway.operations.composition.AiProvenance;
import org.medgo.gateway.operations.composition.CompositionSkeleton;
import org.medgo.gateway.operations.composition.DocumentContext;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.operations.composition.SafeNarrative;

/**
 * A re-identified {@link DifferentialDraft} as Conditions with
 * {@code verificationStatus = differential}, referenced from a Composition (LOINC 51848-0 evaluation note).
 * Per Condition: likelihood = extension {@value #LIKELIHOOD} with a code of HL7's risk-probability code
 * system; supporting findings = {@code Condition.evidence} (code.text, the cited input resources in
 * {@code detail}); opposing findings = extension {@value #OPPOSING} (a {@link Citations#STATEMENT}-shaped
 * complex extension: text, source references, keys); recommended next tests = extension {@value #NEXT_TEST}
 * (CodeableConcept). Findings that cite nothing are marked and counted ({@link Citations}).
 */
public final class DifferentialMapper {

    public static final String BASE = "https://medgo.org/fhir/StructureDefinition/";
    public static final String LIKELIHOOD = BASE + "differential-likelihood";
    public static final String OPPOSING = BASE + "differential-opposing-finding";
    public static final String NEXT_TEST = BASE + "differential-next-test";
    static final String RISK_PROBABILITY = "http://terminology.hl7.org/CodeSystem/risk-probability";

    /** The schema's codes (also codes of risk-probability); from a tier that does not enforce the schema, anything else is text only. */
    private static final java.util.Set<String> LIKELIHOODS = java.util.Set.of("high", "moderate", "low");

    private DifferentialMapper() {}

    private static CodeableConcept likelihoodOf(String likelihood) {
        return LIKELIHOODS.contains(likelihood)
                ? new CodeableConcept(new Coding(RISK_PROBABILITY, likelihood, likelihood))
                : new CodeableConcept().setText(likelihood);
    }

    public static GeneratedDocument map(DifferentialDraft draft, DocumentContext ctx) {
        boolean zh = ctx.chinese();
        Composition c = CompositionSkeleton.of(ctx, "51848-0", "Evaluation note",
                zh ? "AI 生成的鉴别诊断（待审核）" : "AI-generated differential diagnosis (preliminary)");
        Composition.SectionComponent dx = CompositionSkeleton.section(c, "29548-5", "Diagnosis Narrative", zh ? "鉴别诊断" : "Differential diagnosis");
        Composition.SectionComponent plan = CompositionSkeleton.section(c, "18776-5", "Plan of care note", zh ? "建议的下一步检查" : "Recommended next tests");
        // a report's differential points at the report it analysed: the document's event and every Condition's evidence
        boolean ofReport = ctx.focus().getReference() != null && ctx.focus().getReference().startsWith("DiagnosticReport/");
        if (ofReport) {
            c.addEvent().addDetail(ctx.focus().copy());
        }
        List<Resource> conditions = new ArrayList<>();
        List<String> dxItems = new ArrayList<>();
        List<String> testItems = new ArrayList<>();
        Citations citations = new Citations();
        for (DifferentialDraft.Candidate d : draft.differentials()) {
            String name = d.condition();
            String stated = org.medgo.gateway.operations.composition.FhirStringCharacters.withoutForbidden(d.likelihood()).strip();
            String likelihood = stated.isEmpty() ? "(not stated)" : stated;
            Condition condition = new Condition();
            condition.setId(UUID.randomUUID().toString());
            AiLabels.label(condition);
            condition.setSubject(ctx.patient().copy());
            ctx.encounter().ifPresent(e -> condition.setEncounter(e.copy()));
            condition.setVerificationStatus(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-ver-status", "differential", "Differential")));
            condition.addCategory(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis", "Encounter Diagnosis")));
            condition.getCode().setText(name.isBlank() ? "(unnamed)" : name);
            condition.setRecordedDate(ctx.date());
            condition.setRecorder(null);
            condition.addExtension(LIKELIHOOD, likelihoodOf(likelihood));
            List<CitedText> supporting = nonBlankFindings(d.supporting());
            List<CitedText> opposing = nonBlankFindings(d.opposing());
            List<String> tests = nonBlank(d.nextTests());
            for (CitedText f : supporting) {
                Condition.ConditionEvidenceComponent evidence = condition.addEvidence();
                evidence.addCode(new CodeableConcept().setText(f.text()));
                List<Reference> sources = ctx.sources().resolve(f.keys());
                sources.forEach(r -> evidence.addDetail(r.copy()));
                ctx.sources().keys(f.keys()).forEach(k -> evidence.addExtension(Citations.CITATION_KEY, new StringType(k)));
                if (!citations.count(sources)) Citations.markUncited(evidence);
            }
            if (ofReport) {
                condition.addEvidence().addDetail(ctx.focus().copy());
            }
            opposing.forEach(o -> condition.addExtension(citations.statement(OPPOSING, o.text(), ctx.sources().resolve(o.keys()),
                    ctx.sources().keys(o.keys()))));
            tests.forEach(t -> condition.addExtension(NEXT_TEST, new CodeableConcept().setText(t)));
            List<String> lines = new ArrayList<>();
            lines.addAll(supporting.stream().map(f -> (zh ? "支持：" : "For: ") + narrative(f, ctx, zh)).toList());
            lines.addAll(opposing.stream().map(f -> (zh ? "不支持：" : "Against: ") + narrative(f, ctx, zh)).toList());
            lines.addAll(tests.stream().map(s -> (zh ? "建议检查：" : "Next test: ") + s).toList());
            condition.setText(SafeNarrative.of(List.of(condition.getCode().getText() + " (" + likelihood + ")"), lines));
            conditions.add(condition);
            dx.addEntry(new Reference("Condition/" + condition.getIdPart()));
            dxItems.add(condition.getCode().getText() + " — " + likelihood);
            tests.forEach(t -> testItems.add(condition.getCode().getText() + ": " + t));
        }
        dx.setText(SafeNarrative.of(List.of(), dxItems));
        plan.setText(SafeNarrative.of(List.of(), testItems));
        List<Resource> targets = new ArrayList<>();
        targets.add(c);
        targets.addAll(conditions);
        var provenance = AiProvenance.of(ctx.compositionId(), targets, ctx.device(), ctx.templateId(), ctx.date());
        citations.finish(c, provenance);
        return new GeneratedDocument(c, conditions, provenance, ctx.device());
    }

    private static List<CitedText> nonBlankFindings(List<CitedText> findings) {
        return findings.stream().map(f -> new CitedText(f.text().strip(), f.keys())).filter(f -> !f.text().isEmpty()).toList();
    }

    /** The finding as the narrative lists it: flagged when it cites nothing in the record. */
    private static String narrative(CitedText f, DocumentContext ctx, boolean zh) {
        return ctx.sources().resolve(f.keys()).isEmpty() ? f.text() + (zh ? "（病历中无出处）" : " (no source in the record)") : f.text();
    }

    private static List<String> nonBlank(List<String> texts) {
        return texts.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
    }
}
