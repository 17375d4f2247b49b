package org.medgo.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** De-identified streams release whole sentences, so a surrogate or a name cue is never cut in two. */
class HeldTextTest {

    @Test
    void releasesUpToTheLastSentenceOrLineEnd() {
        HeldText held = new HeldText(true);
        assertThat(held.push("Seen by [NAME")).isEmpty();
        assertThat(held.push("_1] today. Plan: ")).isEqualTo("Seen by [NAME_1] today. ");
        assertThat(held.push("rest。下一")).isEqualTo("Plan: rest。");
        assertThat(held.push("句\n")).isEqualTo("下一句\n");
        assertThat(held.push("tail")).isEmpty();
        assertThat(held.flush()).isEqualTo("tail");
    }

    @Test
    void aRunWithoutBoundaryIsReleasedAtASpaceOnceTooLong() {
        HeldText held = new HeldText(true);
        String run = "word ".repeat(HeldText.MAX_HELD / 5) + "more";
        String out = held.push(run);
        assertThat(out).endsWith(" ").hasSizeGreaterThan(HeldText.MAX_HELD - 10);
        assertThat(out + held.flush()).isEqualTo(run);
    }

    @Test
    void withoutDeidentificationTextPassesAtOnce() {
        HeldText held = new HeldText(false);
        assertThat(held.push("[NAME")).isEqualTo("[NAME");
        assertThat(held.flush()).isEmpty();
    }
}
