package org.medgo.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The edit ratio of a draft: changed tokens / all tokens, in English and Chinese alike. */
class DraftEditsTest {

    private record Case(String original, String edited, double ratio, int editedSections) {}

    @Test
    void editRatioPerCase() {
        List<Case> cases = List.of(
                new Case("Stable, discharged home.", "Stable, discharged home.", 0.0, 0),
                new Case("Stable, discharged home.", "Stable,\n\n discharged   home.", 0.0, 0),     // whitespace is no edit
                new Case("Stable, discharged home.", "Stable, discharged to rehab.", 3.0 / 11, 1),   // home → to rehab
                new Case("Stable, discharged home.", "Deceased", 1.0, 1),
                new Case("患者病情稳定，出院。", "患者病情好转，出院。", 4.0 / 20, 1),               // 稳定 → 好转: two Han characters each way
                new Case("", "Added by the clinician.", 1.0, 1));
        for (Case c : cases) {
            DraftEdits edits = DraftEdits.of(List.of("Course"), List.of(c.original()), List.of(c.edited()));
            assertThat(edits.ratio()).as(c.toString()).isCloseTo(c.ratio(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(edits.sections()).as(c.toString()).hasSize(c.editedSections());
        }
    }

    @Test
    void keepsEachChangedSectionOriginalToFinalAndCountsUnchangedOnesInTheWhole() {
        DraftEdits edits = DraftEdits.of(List.of("Course", "Plan"), List.of("Chest pain resolved.", "Follow up in clinic."),
                List.of("Chest pain resolved.", "Follow up in two weeks."));
        assertThat(edits.sections()).containsExactly(new DraftEdits.SectionEdit("Plan", "Follow up in clinic.", "Follow up in two weeks."));
        // plan: "in clinic" vs "in two weeks": clinic removed, two + weeks added = 3 of 5 + 6; course 4 + 4 unchanged
        assertThat(edits.changedTokens()).isEqualTo(3);
        assertThat(edits.totalTokens()).isEqualTo(8 + 5 + 6);
    }
}
