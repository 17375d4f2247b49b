package org.medgo.inference.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented extraction rules, one row each. */
class AnswerExtractorTest {

    static final List<String> LETTERS = List.of("A", "B", "C", "D");
    static final List<String> PQA = List.of("yes", "no", "maybe");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "\"C\"                                                   | C",
            "The answer is B.                                        | B",
            "Answer: (D)                                             | D",
            "answer: **A**                                           | A",
            "I first thought A, but the answer is C                  | C",
            "B. Ceftriaxone                                          | B",
            "(A) because supine sleep prevents SIDS                  | A",
            "<think>Maybe B? No, D fits.</think>\\n\\nD              | D",
            "Option C looks right                                    | C",
            "no letter here                                          | NULL",
            "a lowercase b is not a letter answer                    | NULL"})
    void letters(String text, String expected) {
        assertThat(AnswerExtractor.extract(text.replace("\\n", "\n"), LETTERS)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "\"maybe\"                             | maybe",
            "Yes.                                  | yes",
            "The answer is no                      | no",
            "<think>yes or no?</think> Maybe       | maybe",
            "It depends                            | NULL"})
    void pubmedQa(String text, String expected) {
        assertThat(AnswerExtractor.extract(text, PQA)).isEqualTo(expected);
    }
}
