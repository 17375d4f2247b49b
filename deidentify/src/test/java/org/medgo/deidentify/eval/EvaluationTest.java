package org.medgo.deidentify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.text.Language;

/** The targets of issue 4, checked on the seeded synthetic corpora (300+ notes per language). */
class EvaluationTest {
    private static final long SEED = 20260101L;

    private static void assertTargets(Evaluation.Report r) {
        System.out.print(r.format());
        assertThat(r.recall()).as("overall recall, missed: %s", r.missedExamples()).isGreaterThanOrEqualTo(0.99);
        assertThat(r.structuredRecall()).as("structured-identifier recall, missed: %s", r.missedExamples())
                .isGreaterThanOrEqualTo(0.999);
        assertThat(r.precision()).as("precision, false positives: %s", r.falsePositiveExamples()).isGreaterThanOrEqualTo(0.90);
        assertThat(r.hardNegativeSurvival()).as("hard negatives, altered: %s", r.falsePositiveExamples())
                .isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void englishCorpusMeetsTheTargets() {
        List<LabelledNote> notes = SyntheticCorpus.english(300, SEED);
        assertThat(notes).hasSize(300);
        assertTargets(Evaluation.run("english", notes, Language.AUTO));
    }

    @Test
    void chineseCorpusMeetsTheTargets() {
        List<LabelledNote> notes = SyntheticCorpus.chinese(300, SEED + 1);
        assertTargets(Evaluation.run("chinese", notes, Language.AUTO));
    }

    @Test
    void mixedLanguageNotesMeetTheTargets() {
        assertTargets(Evaluation.run("mixed", SyntheticCorpus.mixed(100, SEED + 2), Language.AUTO));
    }

    @Test
    void corpusIsSeededAndVaried() {
        List<LabelledNote> a = SyntheticCorpus.chinese(50, 1);
        assertThat(a).isEqualTo(SyntheticCorpus.chinese(50, 1));
        assertThat(a.stream().map(LabelledNote::text).distinct().count()).isEqualTo(50);
        assertThat(a.stream().flatMap(n -> n.phi().stream()).map(LabelledNote.Phi::type).distinct().count()).isGreaterThanOrEqualTo(14);
        for (LabelledNote n : a) {
            for (LabelledNote.Phi p : n.phi()) {
                assertThat(n.text().substring(p.start(), p.end())).isEqualTo(p.value());
            }
        }
    }

    @Test
    void metricsCountMissesAndOverRedaction() {
        // A note with one PHI value and one hard negative, scored by hand.
        NoteBuilder b = new NoteBuilder();
        b.t("患者").p(org.medgo.deidentify.PhiType.NAME, "张伟").t("，").keep("阿司匹林100mg qd").t("，Mr. Smith 2 weeks.");
        Evaluation.Report r = Evaluation.run("one", List.of(b.build("t", "zh")), Language.AUTO);
        assertThat(r.byType().get(org.medgo.deidentify.PhiType.NAME).gold()).isEqualTo(1);
        assertThat(r.byType().get(org.medgo.deidentify.PhiType.NAME).predicted()).isEqualTo(2); // "Smith" is unlabelled here
        assertThat(r.precision()).isEqualTo(0.5);
        assertThat(r.recall()).isEqualTo(1.0);
        assertThat(r.hardNegativeSurvival()).isEqualTo(1.0);
    }
}
