package org.medgo.deidentify.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medgo.deidentify.text.Language;

/**
 * Floors on text nobody on the detector wrote (presidio-research's labelled sentences) and on the held-out
 * notes: regressions show here. The figures themselves are in BENCHMARKS.md (CorpusScore prints them).
 */
class PublicCorpusTest {
    @Test
    void presidioSentencesLoseTheirNamesAndStructuredIdentifiers() {
        CorpusScore.Report r = CorpusScore.run(LabelledCorpus.resource(CorpusScore.PRESIDIO), Language.EN);
        System.out.print(r.format());
        assertThat(r.rows().get("NAME").leftShare()).as("names left, e.g. %s", r.leaks().stream().limit(5).toList()).isLessThan(0.03);
        for (String structured : List.of("EMAIL", "SSN", "IP", "URL", "LICENSE")) {
            assertThat(r.rows().get(structured).left()).as(structured).isZero();
        }
        assertThat(r.phiFreeAlteredShare()).as("PHI-free sentences altered: %s", r.altered().stream().limit(5).toList())
                .isLessThanOrEqualTo(0.05);
    }

    @Test
    void secondHeldOutSetLeavesNoValue() {
        CorpusScore.Report r = CorpusScore.run(LabelledCorpus.resource(CorpusScore.HELD_OUT_2), Language.EN);
        System.out.print(r.format());
        assertThat(r.leaks()).isEmpty();
    }

    @Test
    void heldOutClinicalNotesLoseTheirNamesAndStayIntactWhenFreeOfPhi() {
        CorpusScore.Report r = CorpusScore.run(LabelledCorpus.resource(CorpusScore.HELD_OUT), Language.EN);
        System.out.print(r.format());
        assertThat(r.rows().get("NAME").left()).as("names left: %s", r.leaks()).isZero();
        assertThat(r.rows().get("MRN").left() + r.rows().get("INSURANCE").left()).as("ids left: %s", r.leaks()).isZero();
        assertThat(r.phiFreeAlteredShare()).as("PHI-free notes altered: %s", r.altered()).isLessThanOrEqualTo(0.05);
    }

    /**
     * PubMedQA (medical questions and abstract conclusions nobody here wrote) holds no PHI: every altered line is
     * over-redaction. The questions are the set the classes were fixed on, the long answers the held-out one.
     */
    @Test
    void pubmedQuestionsAndAnswersStayIntact() {
        CorpusScore.Report questions = CorpusScore.run(LabelledCorpus.resource(CorpusScore.PUBMEDQA_QUESTIONS), Language.EN);
        CorpusScore.Report answers = CorpusScore.run(LabelledCorpus.resource(CorpusScore.PUBMEDQA_ANSWERS), Language.EN);
        System.out.print(questions.format() + answers.format());
        assertThat(questions.phiFreeAlteredShare()).as("questions altered: %s", questions.altered().stream().limit(5).toList())
                .isLessThanOrEqualTo(0.03);
        assertThat(answers.phiFreeAlteredShare()).as("long answers altered: %s", answers.altered().stream().limit(5).toList())
                .isLessThanOrEqualTo(0.065);
    }

    /** MedQuAD answers (NIH consumer-health pages), the second development set: plain-language medical English. */
    @Test
    void nihConsumerHealthAnswersStayIntact() {
        CorpusScore.Report r = CorpusScore.run(LabelledCorpus.resource(CorpusScore.MEDQUAD_ANSWERS), Language.EN);
        System.out.print(r.format());
        assertThat(r.phiFreeAlteredShare()).as("answers altered: %s", r.altered().stream().limit(5).toList()).isLessThanOrEqualTo(0.055);
    }
}
