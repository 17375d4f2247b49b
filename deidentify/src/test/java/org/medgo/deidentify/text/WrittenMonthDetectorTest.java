package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.deidentify.text.EnglishNotes.clean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dates whose month is a word, in any case and order; and the words spelled like a month that stay. */
class WrittenMonthDetectorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lower-case month, day, year  | her birthday is tomorrow, may 16, 2011.               | may 16
            lower-case month after on    | i was seen on october 3 for my knee                   | october 3
            lower-case month, ordinal    | my appointment is june 12th, can i move it            | june 12th
            lower-case short month + cue | she fell on jan 5 at home                             | jan 5
            month of year, capitals      | LAST DOSE IN THIS CASE AUGUST OF 1994.                | AUGUST
            month of year, lower case    | in march of 2021 he was admitted elsewhere            | march
            short month and year         | CABG in Nov 2016 at an outside hospital               | Nov
            short month with a period    | foley for several weeks in sept. 2015                 | sept
            day before a short month     | Nursing Progress Note 21 Apr, 0700-1930               | 21 Apr
            day, month, two-digit year   | progress note 2 nov, 96 night shift                   | 2 nov
            day before a capital month   | SEEN 14 FEB IN CLINIC                                 | 14 FEB
            month alone after since      | not seen since december, symptoms worse               | december
            m/d/y glued to a word        | LITHIUM TOXICITY-9/2/92, RESOLVED                     | 9/2/92
            """)
    void dateLeavesNoTrace(String kind, String note, String gone) {
        assertThat(clean(note)).as(kind).doesNotContain(gone);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the verb may               | you may take 2 tablets; she may 5 times a day feel dizzy
            dec for decreased          | HR dec to 60s, SBP dec 20 points after the bolus
            MAR for the record         | MAR 3 doses given, see MAR
            augmentin shorthand        | started aug 875 bid for the bite
            months without a day       | Influenza peaks in February; screen every March.
            """)
    void monthLikeWordsStay(String kind, String note) {
        assertThat(clean(note)).as(kind).isEqualTo(note);
    }

    @org.junit.jupiter.api.Test
    void theYearBesideAMonthStays() {
        assertThat(clean("in march of 2021 he was admitted")).contains("2021").doesNotContain("march");
    }
}
