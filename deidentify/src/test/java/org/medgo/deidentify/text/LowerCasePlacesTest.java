package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.deidentify.text.EnglishNotes.clean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Towns typed in lower case after a place cue go; everyday and clinical words after the same cues stay. */
class LowerCasePlacesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            listed town after in          | she lives in towson with her husband                | towson
            listed town after from        | patient from kalamazoo needs a statin refill        | kalamazoo
            two-word town                 | daughter returned to san antonio today              | san antonio
            town that is an everyday word | we moved to buffalo last year                       | buffalo
            unlisted town after lives     | pt lives alone in brindlewick, son nearby           | brindlewick
            unlisted town, origin         | we are from quorrastead originally                  | quorrastead
            after grew up                 | grew up in missoula, no travel since                | missoula
            """)
    void townLeavesNoTrace(String kind, String note, String gone) {
        assertThat(clean(note)).as(kind).doesNotContain(gone);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            times of day and seasons | pain in the back, worse in the morning and in winter
            homes and care settings  | lives in a group home; moved to assisted living; came from home
            cause after from         | the rash is from poison ivy and the pain is from sciatica
            latin                    | growth in utero was normal; carcinoma in situ
            feelings                 | lives in fear of falling, living in denial about drinking
            return to a state        | returned to baseline and returned to work
            shorthand after from     | returned from cath lab at 1630; bleeding which pt states are from hemorrhoids
            """)
    void everydayWordsStay(String kind, String note) {
        assertThat(clean(note)).as(kind).isEqualTo(note);
    }
}
