package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Words built from a listed word with a clinical prefix or combining form are known; surnames built like them are not. */
class DerivedWordsTest {
    private final EnglishLexicon lex = EnglishLexicon.standard();

    @ParameterizedTest
    @ValueSource(strings = {"Preoperative", "Neoadjuvant", "Noncontrast", "Transsphenoidal", "Multidetector", "Esophagogastric",
        "Temporomandibular", "Chemoradiotherapy", "Overexpression", "Pretreatment", "Endovenous"})
    void clinicalCompoundsAreDerived(String word) {
        assertThat(lex.derived(word, 0, word.length())).as(word).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Overstreet", "Underwood", "Delong", "Cofield", "Sotomayor", "Prescott", "Bloomfield", "Maslin"})
    void surnamesAreNot(String word) {
        assertThat(lex.derived(word, 0, word.length())).as(word).isFalse();
    }
}
