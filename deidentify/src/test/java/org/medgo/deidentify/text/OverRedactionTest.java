package org.medgo.deidentify.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medgo.deidentify.text.EnglishNotes.clean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PHI-free medical English of the classes that independent text (PubMedQA) showed being replaced stays as it is; the
 * same words still go when a cue makes them a person.
 */
class OverRedactionTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            clinical prefix            | Preoperative anemia and neoadjuvant chemotherapy delayed surgery.
            prefix before a listed word| Noncontrast CT showed no bleed; transsphenoidal resection planned.
            combining form             | Esophagogastric junction tumour, chemoradiotherapy first.
            English prefix, long word  | Overexpression of HER2 was confirmed.
            enzyme                     | Aromatase inhibitors cause arthralgia.
            word of the huge lists     | Rotator cuff tear on MRI. Syncope while standing. Genotype 1 hepatitis C.
            prefix before a hyphen     | Co-Infection with HIV was excluded.
            peoples                    | Dutch, Thai and Israeli adults were enrolled; Koreans and Africans differ in risk.
            peoples, languages         | Saudi women and Francophone children.
            country and state          | Data from New Zealand and North Carolina.
            compass part of a region   | Outbreak in West Africa; West African migrants screened.
            country that is a name     | Is HIV control in Jamaica improving?
            possessive eponym          | Fournier's gangrene needs debridement.
            hyphenated eponym          | Panton-Valentine leukocidin positive MRSA.
            title case                 | Is the Extra Visit Worth It?
            title case, ordinary name  | Compared to Oral Contraceptive Pills
            MR is magnetic resonance   | MR angiography of the carotids and MR arthrography of the hip.
            doctor as a common noun    | If your doctor thinks it is shingles, the doctor will prescribe an antiviral.
            possessive, no apostrophe  | People with Alzheimers disease and Parkinsons disease were excluded.
            eponym before anatomy      | Achilles tendon rupture; Todd's paralysis after the seizure.
            compass and coast          | More cases on the West Coast than the East Coast.
            letter of a vitamin        | Low vitamin D. Syncope noted. Vitamin D. Rotator cuff intact.
            enzymes                    | Kinase assay normal; Lipase high.
            acronym made a word        | GABAergic neurons and HIVpositive donors.
            hyphenated peoples, slash  | African-American/Hispanic women had lower rates.
            compass region after the   | Cancer rates in East Anglia and the South West.
            quantifier that is a name  | Little is known about this. Early mobilisation helps.
            Latin anatomy              | The inferior vena cava was collapsed.
            Latin method               | Success of in Vitro Fertilization; studied in vivo and in situ.
            hyphenated rare words      | Eyelid-parotid metastasis is rare.
            signs and findings         | Oligohydramnios on ultrasound. Asterixis and melasma noted. Bibasilar crackles.
            pronunciation guide        | An aneurysm (AN-u-rism) and hemochromatosis (HE-mo-kro-ma-TO-sis).
            scheduling shorthand       | Appt reminder: Resched to next week. Intraop findings normal. Telehealth ok. Preauth sent.
            """)
    void medicalTextStays(String kind, String note) {
        assertThat(clean(note)).as(kind).isEqualTo(note);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rare word after speech     | said Maslin to the nurse                         | Maslin
            rare word, person verb     | Maslin called back today.                        | Maslin
            rare word after a title    | Dr. Rotator reviewed the film.                   | Rotator
            eponym after a title       | Follow up with Dr. Fournier next week.           | Fournier
            ordinary name, person verb | Faith called the clinic about her refill.        | Faith
            ordinary name, kin         | Daughter Faith will pick up the meds.            | Faith
            country name, person cue   | Spoke with Jordan about the plan.                | Jordan
            doctor as a title          | Seen by doctor lee today.                        | lee
            quantifier as a surname    | Little is a 45 yo man with gout.                 | Little
            rare word with an initial  | Spoke with Q. Maslin re: labs.                   | Maslin
            hyphenated, ends like -ase | Spoke with Q. Birdie-Case re: labs.              | Birdie
            """)
    void personCueStillWins(String kind, String note, String name) {
        assertThat(clean(note)).as(kind).doesNotContain(name);
    }
}
