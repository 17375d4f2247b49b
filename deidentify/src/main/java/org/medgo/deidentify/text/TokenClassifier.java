package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.ContextCues.TITLES;
import static org.medgo.deidentify.text.EnglishRecallDetector.lower;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a single capitalised token is before any context: the safe-list lookups (ordinary, clinical, drug,
 * name and place words) and the word shapes that mark a clinical term no list has yet.
 */
final class TokenClassifier {
    /** What a token is, before context. */
    enum Kind {
        /** lower-case, a number, or an ordinary capitalised word */
        OTHER,
        /** a clinical word that is also a name ("White", "Georgia"): a name only next to one */
        CLINICAL_NAME,
        /** an ordinary word that is also a name or a town */
        NAMEABLE,
        /** a capitalised word no list knows */
        CANDIDATE,
        /** a single capital letter */
        INITIAL,
        /**
         * a capitalised word no list has that begins a known word ("Vanco", "Bilat") or has two letters ("Cx"), or a word only
         * the huge word lists know ("Rotator", "Syncope", but also the surname "Maslin"): needs a cue
         */
        ABBREVIATION
    }

    /** Abbreviations that sit next to names and places but are neither ("Dr.", "St.", "Jr."). */
    private static final Set<String> ABBREVIATIONS = Set.of("st", "mt", "ft", "ste", "ave", "rd", "blvd", "dept", "apt", "jr",
            "sr", "ii", "iii", "iv", "vs", "etc", "approx", "hosp", "med", "ctr", "univ", "co", "corp", "inc", "llc", "ltd");

    /** Capitalised shapes of medical words no list has yet (a new drug, a rare disease). */
    static final Pattern MEDICAL_SHAPE = Pattern.compile(
            "(?i).{3,}(?:itis|emia|aemia|osis|ectomy|otomy|ostomy|plasty|pathy|algia|uria|penia|cardia|pnea|pnoea|scopy|graphy|"
            + "lysis|megaly|plegia|trophy|statin|pril|sartan|olol|azole|mycin|cillin|floxacin|parin|xaban|mab|tinib|gliptin|flozin|"
            + "glutide|triptan|setron|dipine|tidine|prazole|azepam|azolam|barbital|caine|cycline|vir|olone|lukast|profen|oxacin|"
            + "plasia|rrhea|rrhoea|ptysis|stasis|ectasia|iasis|emesis|phagia|phasia|ology|ologist|coccus|cocci|bacter|monas|"
            + "bacillus|virus|viridae|mycosis|grapher|ographer|iatrist|ician|apist|ologists|ians|"
            // verbs and nouns of care that no name ends with ("Intubated", "Extubation", "Titrating", "Diuresed")
            + "ated|ating|ation|ations|ized|izing|ization|uresis|uresed|uresing|ectomies|otomies|bate|rate|uate|ulate|"
            // enzymes ("Aromatase", "Kinase", "Lipase"); "Chase", "Case", "Pease" end otherwise
            + "[bdgklmnprtz]ases?)");

    /** Latin/Greek clinical prefixes that surnames do not start with ("Seronegative", "Normocephalic", "Acetylsalicylic"). */
    static final Pattern MEDICAL_PREFIX = Pattern.compile(
            "(?i)(?:sero|normo|acetyl|hypo|hyper|anti|peri|intra|extra|poly|micro|macro|neuro|cardio|gastro|hepato|nephro|pneumo|"
            + "broncho|osteo|arthro|dermato|hemato|haemato|immuno|onco|patho|psycho|pharmaco|myo|pseudo|tachy|brady|dys|hemi|"
            + "hydro|lympho|leuko|erythro|thrombo|glyco|lipo|chole|uro|retro|supra|infra|echo|electro|endoscop|laparo)[a-z]{4,}");

    private final EnglishLexicon lex;

    TokenClassifier(EnglishLexicon lexicon) {
        this.lex = lexicon;
    }

    static boolean nameish(Kind k) {
        return k == Kind.NAMEABLE || k == Kind.CANDIDATE || k == Kind.INITIAL || k == Kind.CLINICAL_NAME || k == Kind.ABBREVIATION;
    }

    Kind classify(EnglishTokens tk, int t) {
        if (tk.hasDigit(t) || !tk.isCapitalised(t)) {
            return Kind.OTHER;
        }
        if (tk.isInitial(t)) {
            return Kind.INITIAL;
        }
        if (camelCase(s0(tk), tk.start[t], tk.end[t]) || slashedAcronyms(tk, t) || acronymStem(s0(tk), tk.start[t], tk.end[t])) {
            return Kind.OTHER; // NaCl, HbA, ACC/AHA, CT/MRI, GABAergic
        }
        if (tk.length(t) > 2 && tk.first(t) == 'I' && (tk.text.charAt(tk.start[t] + 1) == '\'' || tk.text.charAt(tk.start[t] + 1) == '’')) {
            return Kind.OTHER; // I'm, I'll, I've
        }
        String s = tk.text;
        int a = tk.start[t];
        int b = tk.stemEnd(t);
        if (b - a <= 5) {
            String w = lower(tk, t);
            if (TITLES.contains(w) || ABBREVIATIONS.contains(w)) {
                return Kind.OTHER;
            }
        }
        if (contracted(s, a, tk.end[t])) {
            return Kind.OTHER; // "Sx'd", "DC'd", "Con't": names are not contracted
        }
        if (allCaps(s, a, b) && (lex.clinical.contains(s, a, b)
                || b - a <= 5 && !lex.safe.contains(s, a, b) && !lex.names.contains(s, a, b))) {
            return Kind.OTHER; // an acronym (CHF, ADA, NKDA); a facility acronym needs a care verb: FacilityDetector
        }
        boolean name = lex.names.contains(s, a, b);
        boolean place = lex.places.contains(s, a, b);
        if (name && b - a <= 4 && tk.isAllCaps(t)) {
            return Kind.CLINICAL_NAME; // "ANA positive", "AMY level": a name only next to another one
        }
        if (lex.clinical.contains(s, a, b)) {
            return name ? Kind.CLINICAL_NAME : Kind.OTHER;
        }
        if (lex.eponyms.contains(s, a, b) || b - a > 5 && Character.toLowerCase(s.charAt(b - 1)) == 's' && lex.eponyms.contains(s, a, b - 1)) {
            // "Alzheimers", "Parkinsons": the possessive written without its apostrophe
            // "Kernig sign", "Fournier's": an eponym is a surname too, so a person cue still makes it a name ("said Kernig")
            return name ? Kind.NAMEABLE : lex.safe.contains(s, a, b) ? Kind.OTHER : Kind.ABBREVIATION;
        }
        boolean ordinary = lex.safe.contains(s, a, b);
        if (name || place) {
            return ordinary ? Kind.NAMEABLE : Kind.CANDIDATE;
        }
        if (ordinary) {
            return Kind.OTHER;
        }
        if (partsKnown(s, a, b) || MEDICAL_SHAPE.matcher(s).region(a, b).matches() || MEDICAL_PREFIX.matcher(s).region(a, b).matches()
                || lex.derived(s, a, b)) {
            return Kind.OTHER;
        }
        if (lex.safe.marked(s, a, b) || partsKnown(s, a, b, true)) {
            return Kind.ABBREVIATION; // "Rotator", "Syncope", "Eyelid-parotid": rare words, unless a cue makes a name ("said Maslin")
        }
        if (pluralAcronym(s, a, b)) {
            return Kind.OTHER; // "ADLs", "PVCs"
        }
        if (pronunciation(s, a, tk.end[t])) {
            return Kind.OTHER; // "(AN-u-rism)", "(HE-mo-kro-ma-TO-sis)": how to say a word, stressed syllable in capitals
        }
        if (clinicalCompound(s, a, tk.end[t]) && !(tk.isAllCaps(t) && hyphenatedName(s, a, tk.end[t]))) {
            return Kind.OTHER; // "Anti-Ro", "Keytruda-related", "BI-RADS", "DAPA-HF"
        }
        if (b - a >= 2 && lettersOnly(s, a, b) && (!hasVowel(s, a, b) || b - a <= 4 && Character.toLowerCase(s.charAt(b - 1)) == 'x'
                && !hasVowel(s, b - 2, b - 1))) {
            return Kind.OTHER; // "Ntg", "Sxn", "Psv": no name lacks a vowel; consonant + x is shorthand (Dx, Hx, Abx; "Laax" is a town)
        }
        if (b - a == 2 || b - a <= 6 && !tk.isAllCaps(t) && lex.abbreviationStems.contains(s, a, b)) {
            return Kind.ABBREVIATION; // "Cx", "Vanco", "Creat", "Afeb": shorthand unless a cue names a person
        }
        return Kind.CANDIDATE;
    }

    private static boolean lettersOnly(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (!Character.isLetter(s.charAt(i))) {
                return false; // "G's" is an initial's possessive
            }
        }
        return true;
    }

    private static boolean hasVowel(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if ("aeiouyAEIOUYáéíóúàèìòùäëïöüâêîôûåæøÁÉÍÓÚÄËÏÖÜ".indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Capitals only in [a, b), two letters at least ("PVC" of "PVC's"). */
    private static boolean allCaps(String s, int a, int b) {
        int letters = 0;
        for (int i = a; i < b; i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            letters += Character.isLetter(c) ? 1 : 0;
        }
        return letters >= 2;
    }

    /** Ends in 'd or n't ("Sx'd", "Rec'd", "Con't"). */
    private static boolean contracted(String s, int a, int b) {
        return b - a >= 4 && (s.charAt(b - 2) == '\'' || s.charAt(b - 2) == '’') && (s.charAt(b - 1) == 'd' || s.charAt(b - 1) == 't');
    }

    private static String s0(EnglishTokens tk) {
        return tk.text;
    }

    /** A capital after a small letter, not in a name's way (McDonald, DeShawn, O'Brien): a formula or an abbreviation. */
    private static boolean camelCase(String s, int a, int b) {
        for (int i = a + 1; i < b; i++) {
            if (Character.isUpperCase(s.charAt(i)) && Character.isLowerCase(s.charAt(i - 1))) {
                String head = s.substring(a, i);
                return !(head.equals("Mc") || head.equals("Mac") || head.equals("De") || head.equals("Di") || head.equals("Le")
                        || head.equals("La") || head.equals("Van") || head.equals("Von") || head.equals("Du") || head.equals("Da"));
            }
        }
        return false;
    }

    /** Three capitals or more, then small letters: a word made from an acronym ("GABAergic", "HIVpositive"), not a name. */
    private static boolean acronymStem(String s, int a, int b) {
        int i = a;
        while (i < b && s.charAt(i) >= 'A' && s.charAt(i) <= 'Z') {
            i++;
        }
        if (i - a < 3 || i == b) {
            return false;
        }
        for (int j = i; j < b; j++) {
            if (!Character.isLowerCase(s.charAt(j))) {
                return false;
            }
        }
        return b - i >= 2;
    }

    /** "ACC/AHA", "CBC/Diff", "Cor/Cardiac": parts joined by slashes, each short or an ordinary word. */
    private boolean slashedAcronyms(EnglishTokens tk, int t) {
        String w = tk.word(t);
        if (w.indexOf('/') < 0) {
            return false;
        }
        for (String part : w.split("/")) {
            if (part.length() > 5 && !lex.safe.contains(part) && !lex.clinical.contains(part) && !partsKnown(part, 0, part.length())
                    || lex.names.contains(part) && part.length() > 4) { // "African-American/Hispanic" has known parts
                return false;
            }
        }
        return true;
    }

    private static final Pattern COMPOUND = Pattern.compile("(?i:anti|non|pre|post|co|re|self|semi|multi|inter|intra|sub|over|under|"
            + "cross|trans|peri|mid|micro|hyper|hypo|pseudo|neo|para|poly|bi|tri)-.+|.+-(?i:related|induced|associated|"
            + "positive|negative|resistant|sensitive|dependent|refractory|naive|naïve|like|type|mediated|specific)|[A-Z0-9]+(?:-[A-Z0-9]+)+");

    /** Three hyphenated syllables or more, one in capitals and one in small letters: no name is written so. */
    private static boolean pronunciation(String s, int a, int b) {
        int parts = 1;
        boolean upper = false;
        boolean lower = false;
        int from = a;
        while (from < b) {
            int to = dashIn(s, from, b);
            upper |= to - from >= 2 && allCaps(s, from, to);
            lower |= to > from && Character.isLowerCase(s.charAt(from)) && Character.isLowerCase(s.charAt(to - 1));
            parts += to < b ? 1 : 0;
            from = to + 1;
        }
        return parts >= 3 && upper && lower;
    }

    /** A hyphenated clinical word: an antibody, a drug effect, an all-capital acronym ("BI-RADS", "DAPA-HF"). */
    private static boolean clinicalCompound(String s, int a, int b) {
        int dash = dashIn(s, a, b);
        return dash > a && dash < b && COMPOUND.matcher(s).region(a, b).matches();
    }

    /** "SMITH-JONES", "O'NEIL-PARK": every part of 3+ letters, or a listed name among them; "BI-RADS", "DAPA-HF" are not. */
    private boolean hyphenatedName(String s, int a, int b) {
        int from = a;
        boolean listed = false;
        boolean shortPart = false;
        while (from < b) {
            int to = dashIn(s, from, b);
            listed |= lex.names.contains(s, from, to);
            shortPart |= to - from <= 2;
            for (int i = from; i < to; i++) {
                shortPart |= EnglishTokens.isDigit(s.charAt(i));
            }
            from = to + 1;
        }
        return listed || !shortPart;
    }

    /** The first '-' in [a, b), or b: bounded, so that a word without a dash does not scan the rest of the note. */
    private static int dashIn(String s, int a, int b) {
        for (int i = a; i < b; i++) {
            if (s.charAt(i) == '-') {
                return i;
            }
        }
        return b;
    }

    private static boolean pluralAcronym(String s, int a, int b) {
        if (b - a < 3 || s.charAt(b - 1) != 's') {
            return false;
        }
        for (int i = a; i < b - 1; i++) {
            if (!Character.isUpperCase(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** "Non-Hodgkin", "X-ray", "Follow-up": every part of a hyphenated word is a known word. */
    boolean partsKnown(String s, int a, int b) {
        return partsKnown(s, a, b, false);
    }

    /** As above, a word only the huge lists know counting as known when {@code rare} ("Eyelid-parotid"). */
    private boolean partsKnown(String s, int a, int b, boolean rare) {
        if (dashIn(s, a, b) == b) {
            return false;
        }
        int from = a;
        boolean allNames = true;
        int checked = 0;
        while (from < b) {
            int to = dashIn(s, from, b);
            if (to > from + 1) {
                if (!(lex.safe.contains(s, from, to) || rare && lex.safe.marked(s, from, to) || lex.clinical.contains(s, from, to)
                        || lex.eponyms.contains(s, from, to)
                        || to - from <= 5 && allCaps(s, from, to) && !lex.names.contains(s, from, to))) { // "Activity-OOB"
                    return false;
                }
                allNames &= lex.names.contains(s, from, to);
                checked++;
            }
            from = to + 1;
        }
        return !(allNames && checked >= 2); // "Smith-Jones" is a name even though smith is a word
    }
}
