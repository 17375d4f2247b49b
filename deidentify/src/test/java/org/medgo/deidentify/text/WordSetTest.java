package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The marked half of a word set answers apart from the plain half, case-folded, in one table. */
class WordSetTest {
    private final WordSet set = new WordSet(List.of("rose", "aspirin"), List.of("rotator", "aspirin"));

    @Test
    void plainWordsAreContainedAndNotMarked() {
        assertThat(set.contains("Rose")).isTrue();
        assertThat(set.marked("rose", 0, 4)).isFalse();
    }

    @Test
    void markedWordsAreMarkedAndNotContained() {
        assertThat(set.marked("ROTATOR", 0, 7)).isTrue();
        assertThat(set.contains("rotator")).isFalse();
    }

    @Test
    void aWordInBothListsIsPlain() {
        assertThat(set.contains("aspirin")).isTrue();
        assertThat(set.marked("aspirin", 0, 7)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void unknownWordsAreNeither() {
        assertThat(set.contains("maslin")).isFalse();
        assertThat(set.marked("maslin", 0, 6)).isFalse();
    }
}
