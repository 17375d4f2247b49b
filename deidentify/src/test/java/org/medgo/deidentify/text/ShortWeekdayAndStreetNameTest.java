package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.deidentify.text.EnglishNotes.clean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A weekday written short with no cue word before it, and a street named without its house number, are identifiers;
 * the words that look like them stay. One row per shape: text | what must go (;-separated) | what must stay.
 */
class ShortWeekdayAndStreetNameTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            weekday short, sentence end    | Son will pick her up Thurs.                                   | Thurs     | pick her up
            weekday short, mid-sentence    | Seen Tues by PT, next visit Fri for gait training.           | Tues;Fri  | gait training
            weekday short, Wed             | Dressing changed Wed and again today.                         | Wed       | Dressing changed
            Sat and Sun need a cue         | Sat up in the chair; Sun exposure limited.                    | ~         | Sat up;Sun exposure
            street, no number, St          | Picked up the refill at the pharmacy on Elm St yesterday.    | Elm St    | pharmacy
            street, no number, Avenue      | She lives off Maple Avenue near the school.                   | Maple Avenue | near the school
            two-word street                | Fell on Old Mill Road while walking the dog.                  | Old Mill Road | walking the dog
            saint before a name is no street | Transferred at St. Jude for chemotherapy.                   | ~         | chemotherapy
            """)
    void goesOrStays(String shape, String note, String gone, String kept) {
        String out = clean(note);
        if (!gone.equals("~")) {
            for (String value : gone.split(";")) {
                assertThat(out).as(shape + ": " + out).doesNotContain(value);
            }
        }
        for (String value : kept.split(";")) {
            assertThat(out).as(shape + ": " + out).contains(value);
        }
    }
}
