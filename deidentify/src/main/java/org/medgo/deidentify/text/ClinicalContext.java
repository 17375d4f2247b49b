package org.medgo.deidentify.text;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Context that makes a capitalised word clinical rather than a person or a place, so that eponyms, drugs,
 * organisms, scored scales and heart chambers are kept.
 */
final class ClinicalContext {
    /** Words after a heart-chamber abbreviation that is also a town (LA, RA): anatomy, not a place. */
    static final Set<String> CHAMBER_AFTER = Set.of("appendage", "size", "volume", "enlargement", "enlarged", "dilation",
            "dilated", "pressure", "pressures", "thrombus", "clot", "mass", "myxoma", "diameter", "dimension", "dimensions", "wall",
            "was", "is", "normal", "mildly", "moderately", "severely", "index", "strain", "filling", "function");

    private final EnglishLexicon lex;

    ClinicalContext(EnglishLexicon lexicon) {
        this.lex = lexicon;
    }

    /** "Crohn disease", "Kikuchi's disease", "Wilson sign", "Takotsubo cardiomyopathy", "Synvisc shot": clinical, kept. */
    static boolean clinicalAfter(EnglishTokens tk, int e) {
        int next = e + 1 < tk.size ? tk.start[e + 1] : tk.text.length();
        if (tk.text.substring(tk.end[e], next).indexOf('\n') >= 0) {
            return false; // a word on the next line ("Scale Unlimited") says nothing about this one
        }
        if (EnglishNameDetector.CLINICAL_AFTER.matcher(tk.text).region(tk.end[e], tk.text.length()).lookingAt()
                || PRODUCT_AFTER.matcher(tk.text).region(tk.end[e], tk.text.length()).lookingAt()) {
            return true;
        }
        // one body-part or acronym word between: "Ottawa ankle rules", "Wells DVT score"
        return e + 1 < tk.size && tk.start[e + 1] - tk.end[e] == 1 && !tk.hasDigit(e + 1) && (tk.isLower(e + 1) || tk.isAllCaps(e + 1))
                && tk.length(e + 1) <= 8 && EnglishNameDetector.CLINICAL_AFTER.matcher(tk.text).region(tk.end[e + 1], tk.text.length()).lookingAt();
    }

    /** Nouns that make the word before them a drug, a device, an organism or a finding, not a person. */
    private static final Pattern PRODUCT_AFTER = Pattern.compile("(?:'s|’s)?\\s+(?i:pattern|cardiomyopathy|infusions?|injections?|"
            + "shots?|pens?|inhalers?|patch|patches|pump|implant|device|vaccines?|vaccination|booster|therapy|dosing|doses?|tablets?|"
            + "capsules?|pills?|cream|gel|lotion|shampoo|ointment|drops|spray|suppository|enema|syrup|chewables?|gummies|lozenges?|levels?|gene|mutation|antibod(?:y|ies)|virus|bacteremia|infections?|colitis|"
            + "pneumonitis|toxicity|hepatitis|monitor|sensor|readings?|trial|guidelines?|guidance|calculator|order\\s+set|screen|"
            + "assay|panel|regimen|prescription|refill|samples?|coupon|copay|pharmacy\\s+benefit|prior\\s+auth)\\b");

    /** "Klebsiella pneumoniae", "Candida auris": a capital followed by a Latin species word no list has. */
    boolean species(EnglishTokens tk, int t) {
        if (t + 1 >= tk.size || !tk.isLower(t + 1) || tk.hasDigit(t + 1) || tk.start[t + 1] - tk.end[t] != 1
                || tk.text.charAt(tk.end[t]) != ' ') {
            return false;
        }
        int a = tk.start[t + 1];
        int b = tk.end[t + 1];
        return b - a >= 4 && !lex.safe.contains(tk.text, a, b) && !lex.names.contains(tk.text, a, b)
                && LATIN.matcher(tk.text).region(a, b).matches();
    }

    private static final Pattern LATIN = Pattern.compile("[a-z]+(?:ae|us|is|ii|um|i|ans|ens|ensis|oides|ica|ata|osa|ella|alis|ilis|ax|ex)");

    /** "Morse 55", "Braden 16", "Glasgow 14": a named scale (an eponym) followed by its score. */
    boolean scoreFollows(EnglishTokens tk, int t) {
        return t + 1 < tk.size && tk.start[t + 1] - tk.end[t] == 1 && tk.length(t + 1) <= 3 && tk.digits(t + 1) == tk.length(t + 1)
                && lex.eponyms.contains(tk.text, tk.start[t], tk.stemEnd(t));
    }

    /** "Trulicity 1.5 mg", "Lantus 20 units", "Humira 40mg": a dose follows. */
    static boolean doseFollows(EnglishTokens tk, int t) {
        return t + 1 < tk.size && tk.start[t + 1] - tk.end[t] == 1 && tk.hasDigit(t + 1)
                && DOSE.matcher(tk.text).region(tk.start[t + 1], tk.text.length()).lookingAt();
    }

    private static final Pattern DOSE = Pattern.compile("\\d+(?:\\.\\d+)?(?:/\\d+(?:\\.\\d+)?)?\\s?(?i:mg|mcg|µg|g|units?|u|iu|ml|mL|puffs?|tabs?|"
            + "caps?|%|mg/kg|mcg/kg|meq|mmol)\\b");
}
