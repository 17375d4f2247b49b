package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;

/**
 * Round 3 of issue 13: the classes that real nursing and progress notes (lines in capitals, shorthand, bare dates,
 * names typed in lower case) leaked, each with invented values; and the shorthand that must stay.
 */
class NursingNoteRecallTest {
    private final TextDeidentifier deid = TextDeidentifier.standard();

    private String clean(String note) {
        return deid.deidentify(note, Language.EN, DeidSession.newRequest(DeidSecrets.of(new byte[32]))).text();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bare month/day               | 6/19 FOUND BY SPOUSE ON THE FLOOR, AWAKE.                      | 6/19
            bare month/day range         | Pt on heparin 4/11-4/13, then held.                             | 4/11;4/13
            month/day after a place      | transferred to cardiology floor 11/27 for tele                  | 11/27
            doctor in capitals           | DR OSTROV IN TO SPEAK WITH FAMILY ABOUT CODE STATUS.            | OSTROV
            doctor in capitals, listed   | LASIX 40 MG GIVEN PER DR. KNIGHT, GOOD RESPONSE.                | KNIGHT
            Mrs in capitals              | MRS DELL HERE AND UPSET ABOUT THE TRANSFER.                     | DELL
            relative in capitals         | BROTHER TAVO CALLED FOR UPDATE, SISTER ALSO CALLED.             | TAVO
            lower-case relative          | social: son bill called twice for update                        | bill
            lower-case relative, commas  | his wife, rose, left a number for the team                      | rose
            unknown lower-case relative  | communication with husband zdravko.                             | zdravko
            ordinary word after dr.      | cultures sent, dr. pica aware, no urine sent                    | pica
            place in capitals            | PT RETURNED TO BRACKENFELL 4 AFTER CATH.                        | BRACKENFELL
            """)
    void identifierLeavesNoTrace(String kind, String note, String gone) {
        String out = clean(note);
        for (String g : gone.split(";")) {
            assertThat(out).as(kind + ": " + out).doesNotContain(g);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            shorthand in capitals   | PT INTUBATED, GOOD DIURESIS, SMALL AMTS BROWN SECRETIONS. FLOWSHEET REVIEWED.
            ordinary words, commas  | NEURO: ALERT, GREEN SPUTUM, WILL CONTINUE TO MONITOR. EARLY AM LABS SENT.
            scores and fractions    | strength 4/5, 2/6 SEM, pain 3/10, D5 1/2 NS at 75, PS 10/5, H/H 9/27, 5/5 MAE
            relatives without names | son will call tonight; dr aware; daughter in to visit; wife at bedside
            doses with slashes      | percocet 5/325 1 tab, BP 118/62, vent 12/500/5
            """)
    void clinicalTextIsKept(String kind, String note) {
        assertThat(clean(note)).as(kind).isEqualTo(note);
    }
}
