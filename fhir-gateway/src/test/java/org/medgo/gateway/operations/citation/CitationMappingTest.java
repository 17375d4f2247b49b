package org.medgo.gateway.operations.citation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Composition;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.junit.jupiter.api.Test;
import org.medgo.gateway.operations.SyntheticRecords;
import org.medgo.gateway.operations.composition.DocumentContext;
import org.medgo.gateway.operations.composition.GeneratedDocument;
import org.medgo.gateway.operations.composition.ModelDevice;
import org.medgo.gateway.operations.differential.DifferentialDraft;
import org.medgo.gateway.operations.differential.DifferentialMapper;
import org.medgo.gateway.operations.model.ModelIdentity;
import org.medgo.gateway.operations.prompt.RecordRenderer;
import org.medgo.gateway.operations.summarize.SummaryDraft;
import org.medgo.gateway.operations.summarize.SummaryMapper;

/** What a v2 answer's citations become in FHIR, for a known answer (the model's own are random here). */
class CitationMappingTest {

    private final SyntheticRecords.Record record = SyntheticRecords.english(11, true);
    private final Bundle input = record.bundle();
    private final DocumentContext ctx = new DocumentContext("11111111-2222-4333-8444-555555555555", "req-1",
            new Reference("Patient/" + record.patientId()), Optional.of(new Reference("Encounter/" + record.encounterId())),
            new Reference("Encounter/" + record.encounterId()), "en", new Date(), ModelDevice.of(new ModelIdentity("m", "1", "ab".repeat(32), true)),
            "summarize-v2.en", SourceIndex.of(RecordRenderer.render(input), input));

    @Test
    void summaryStatementsCiteTheEmrsResourcesAndUncitedOnesAreMarkedAndCounted() {
        String answer = """
                {"course": [{"text": "Admitted with chest pain.", "sources": ["N1:1", "E1"]},
                            {"text": "BP 160/95.", "sources": ["N1:4", "N1:1"]}],
                 "diagnoses": [{"text": "Hypertension.", "sources": ["C1"]}],
                 "medications": [{"text": "Aspirin.", "sources": []}],
                 "plan": [{"text": "Follow up.", "sources": []}]}""";
        GeneratedDocument doc = SummaryMapper.map(SummaryDraft.parse(answer), (Encounter) input.getEntry().get(1).getResource(), ctx);
        Composition c = doc.composition();

        Composition.SectionComponent course = c.getSectionFirstRep();
        // two statements citing the note twice and the encounter once: each resource listed once, the EMR's ids
        assertThat(course.getEntry()).extracting(Reference::getReference)
                .containsExactly("DocumentReference/note-11", "Encounter/" + record.encounterId());
        List<Extension> statements = course.getExtensionsByUrl(Citations.STATEMENT);
        assertThat(statements).hasSize(2);
        assertThat(statements.getFirst().getExtensionString("text")).isEqualTo("Admitted with chest pain.");
        assertThat(statements.getFirst().getExtensionsByUrl("key")).extracting(e -> ((StringType) e.getValue()).getValue())
                .containsExactly("N1:1", "E1");
        assertThat(c.getSection().get(1).getEntry()).extracting(Reference::getReference).containsExactly("Condition/cond-11");
        Extension uncited = c.getSection().get(2).getExtensionByUrl(Citations.STATEMENT);
        assertThat(uncited.getExtensionByUrl("uncited").getValue().primitiveValue()).isEqualTo("true");
        assertThat(c.getSection().get(2).getEntry()).isEmpty();
        assertThat(((UnsignedIntType) c.getExtensionByUrl(Citations.UNCITED_COUNT).getValue()).getValue()).isEqualTo(2);
        assertThat(sources(doc.provenance())).containsExactly("DocumentReference/note-11", "Encounter/" + record.encounterId(), "Condition/cond-11");
    }

    @Test
    void differentialFindingsBecomeEvidenceDetailAndOpposingStatements() {
        String answer = """
                {"differentials": [{"condition": "Acute coronary syndrome", "likelihood": "high",
                  "supporting": [{"finding": "troponin", "sources": ["O2"]}, {"finding": "ST depression", "sources": []}],
                  "opposing": [{"finding": "normal heart rate", "sources": ["O1", "O1"]}],
                  "nextTests": ["serial troponin"]}]}""";
        GeneratedDocument doc = DifferentialMapper.map(DifferentialDraft.parse(answer), ctx);
        Condition condition = (Condition) doc.entries().getFirst();

        assertThat(condition.getEvidence().get(0).getDetail()).extracting(Reference::getReference).containsExactly("Observation/obs-trop-11");
        assertThat(condition.getEvidence().get(0).getExtensionByUrl(Citations.CITATION_KEY).getValue().primitiveValue()).isEqualTo("O2");
        assertThat(condition.getEvidence().get(1).getDetail()).isEmpty();
        assertThat(condition.getEvidence().get(1).getExtensionByUrl(Citations.UNCITED)).isNotNull();
        Extension opposing = condition.getExtensionByUrl(DifferentialMapper.OPPOSING);
        assertThat(opposing.getExtensionString("text")).isEqualTo("normal heart rate");
        assertThat(opposing.getExtensionsByUrl("source")).extracting(e -> ((Reference) e.getValue()).getReference())
                .containsExactly("Observation/obs-hr-11");
        assertThat(condition.getText().getDivAsString()).contains("ST depression (no source in the record)");
        assertThat(((UnsignedIntType) doc.composition().getExtensionByUrl(Citations.UNCITED_COUNT).getValue()).getValue()).isEqualTo(1);
        assertThat(sources(doc.provenance())).containsExactly("Observation/obs-trop-11", "Observation/obs-hr-11");
    }

    @Test
    void aV1AnswerStillMapsItsTextsAsStatementsCitingNothing() {
        GeneratedDocument doc = SummaryMapper.map(SummaryDraft.parse("""
                {"course": "Stable.", "diagnoses": "Hypertension", "medications": "Aspirin", "plan": "Follow up"}"""),
                (Encounter) input.getEntry().get(1).getResource(), ctx);
        assertThat(doc.composition().getSectionFirstRep().getText().getDiv().allText()).contains("Stable.");
        assertThat(((UnsignedIntType) doc.composition().getExtensionByUrl(Citations.UNCITED_COUNT).getValue()).getValue()).isEqualTo(4);
    }

    private static List<String> sources(Provenance p) {
        return p.getEntity().stream().filter(e -> e.getRole() == Provenance.ProvenanceEntityRole.SOURCE && e.getWhat().hasReference())
                .map(e -> e.getWhat().getReference()).toList();
    }
}
