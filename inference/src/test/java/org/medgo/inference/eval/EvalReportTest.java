package org.medgo.inference.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Wilson intervals against published values, and the per-subject table. */
class EvalReportTest {

    @Test
    void wilsonInterval() {
        // Newcombe (1998), Table I: 81/263 -> 0.2553-0.3662; 0/10 -> 0-0.2775; 10/10 -> 0.7225-1
        assertThat(new EvalReport.Accuracy(81, 263).ci95()[0]).isCloseTo(0.2553, within(1e-4));
        assertThat(new EvalReport.Accuracy(81, 263).ci95()[1]).isCloseTo(0.3662, within(1e-4));
        assertThat(new EvalReport.Accuracy(0, 10).ci95()[1]).isCloseTo(0.2775, within(1e-4));
        assertThat(new EvalReport.Accuracy(10, 10).ci95()[0]).isCloseTo(0.7225, within(1e-4));
    }

    @Test
    void perSubjectAndTables() {
        List<EvalReport.Scored> scored = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            EvalItem item = new EvalItem("c" + i, "q", List.of("A", "B"), List.of("x", "y"), "A", i < 2 ? "cardio" : "neuro");
            scored.add(new EvalReport.Scored(item, i == 3 ? null : "A"));
        }
        EvalReport report = new EvalReport("MedQA", "MedGo", "regex", scored, 1.5);
        assertThat(report.overall().correct()).isEqualTo(3);
        assertThat(report.bySubject().get("cardio").value()).isEqualTo(1.0);
        assertThat(report.bySubject().get("neuro").value()).isEqualTo(0.5);
        assertThat(report.unparsed()).isEqualTo(1);
        assertThat(report.toMarkdown()).contains("| Benchmark | MedGo | 95% CI | n |", "| MedQA | 75.0 |", "| neuro | 50.0 |");
    }
}
