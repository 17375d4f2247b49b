package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.ContextCues.TITLES;
import static org.medgo.deidentify.text.ContextCues.gapOk;
import static org.medgo.deidentify.text.EnglishRecallDetector.lower;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.TokenClassifier.Kind;

/**
 * Names recognised by how they are laid out rather than by the words: "Last, First", a name before ", MD",
 * a dictation signature line, an initial trailing a name already found.
 */
final class NameShapes {
    private final EnglishLexicon lex;

    NameShapes(EnglishLexicon lexicon) {
        this.lex = lexicon;
    }

    /**
     * "this is emmaleigh w", "[NAME] K.": a single letter right after a name is its initial and goes with it ("a" and
     * "i" are words in lower-case chat, "I" a pronoun).
     */
    static void trailingInitials(String text, List<Span> out) {
        int n = out.size();
        for (int i = 0; i < n; i++) {
            Span sp = out.get(i);
            int e = sp.end();
            if (sp.type() != PhiType.NAME || e + 2 > text.length() || text.charAt(e) != ' ') {
                continue;
            }
            char c = text.charAt(e + 1);
            boolean letter = c >= 'a' && c <= 'z' && c != 'a' && c != 'i' || c >= 'A' && c <= 'Z' && c != 'I';
            int after = e + 2;
            if (!letter || after < text.length() && Character.isLetterOrDigit(text.charAt(after))) {
                continue;
            }
            if (after < text.length() && text.charAt(after) == '.') {
                after++;
            }
            out.add(new Span(sp.start(), after, PhiType.NAME));
        }
    }

    /** Dotted capitals that are abbreviations, not a person's initials (times, credentials, routes, places, units of care). */
    private static final Set<String> DOTTED_ABBREVIATIONS = Set.of("AM", "PM", "ER", "OR", "IV", "IM", "SC", "SQ", "PO", "PR",
            "DC", "US", "UK", "USA", "EU", "MD", "DO", "RN", "NP", "PA", "LPN", "BP", "MS", "BS", "BA", "MA", "PT", "OT", "RD",
            "QD", "BID", "TID", "QID", "QOD", "QHS", "HS", "AC", "PC", "NPO", "PRN", "OD", "OS", "OU", "AD", "AU", "DNR",
            "DNI", "GI", "ED", "ICU", "UA", "RIP", "NB", "PS", "AKA", "DOB", "DOA", "EMT", "CPR", "HIV", "TB", "ENT", "LLC",
            "NY", "LA", "NJ", "WA", "VA", "ID", "OB", "CT", "WHO", "CDC", "FDA", "CO", "CI", "UO", "HO", "TO", "RT", "BM", "IS",
            "HR", "RA", "RR", "SL", "NG", "OG", "GU", "ST", "VS", "CP", "LE", "UE", "LOC", "HOB", "SOB", "NKA", "NKDA");

    /** Words before dotted capitals that make them a person's initials even when spelled like an abbreviation ("son N.B."). */
    private static final Pattern PERSON_BEFORE = Pattern.compile("(?i)\\b(?:pt|patient|initials|son|daughter|wife|husband|mother|"
            + "father|mom|dad|sister|brother|friend|partner|spouse|caregiver|named|mr|mrs|ms|dr|woman|man|female|male|girl|boy|lady|"
            + "gentleman)\\.?,?\\s+[\"“]?$");

    /** An age or a relative after dotted capitals ("K.L., 61M", "J.D. (54)", "S.H.'s daughter"): a person even when spelled like shorthand. */
    private static final Pattern AGE_AFTER = Pattern.compile("(?:,?\\s*\\(?|\\s+(?:is|was)\\s+an?\\s+)\\d{1,3}\\s*-?\\s*(?i:yo|y/o|y\\.o\\.|[mf]\\b|years?|-year)"
            + "|['’]s\\s+(?:daughter|son|wife|husband|mother|father|mom|dad|sister|brother|partner|caregiver)\\b");

    /** Auxiliaries among the person verbs: "C.O. is", "G.U. and" say nothing about a person. */
    private static final Set<String> AUXILIARIES = Set.of("and", "is", "was", "has", "had", "will", "would", "can", "could",
            "should", "may", "might", "must", "does", "did");

    /** A value after dotted capitals: shorthand of a measure ("C.O. 4.5", "U.O. = 30"). */
    private static final Pattern MEASURE_AFTER = Pattern.compile("\\s*[:=]?\\s*[\\d.]");

    /** Words before dotted capitals that point at a person but also at an abbreviation of care ("by R.N.", "with G.I."). */
    private static final Pattern WEAK_PERSON_BEFORE = Pattern.compile("(?i)\\b(?:by|with|from|hi|dear|thanks|thank you)\\s*,?\\s+[\"“]?$");

    private static final Pattern DOTTED = Pattern.compile("(?<![\\p{L}\\d.])((?:\\p{Lu}\\.){2,3})(?![\\p{L}\\d])");

    /**
     * "pt J.D. has recurrent UTIs", "K.L., 61M", "Thanks, X.N.": a person's initials written with dots. Not when the
     * letters spell an abbreviation of care ("A.M.", "G.I.", "B.M.", "R.T.") or a value follows ("C.O. 4.5") or they head
     * a line ("G.U.: foley"), unless a person word stands before them ("son N.B.", "Hi P.H."), a person verb or an age
     * after them ("V.F. refused", "R.N. is a 83yo") or they sign a line ("-- H.L.").
     */
    void dottedInitials(String text, List<Span> out) {
        if (text.indexOf('.') < 0) {
            return;
        }
        Matcher m = DOTTED.matcher(text).useTransparentBounds(true);
        for (int i = 0, n = text.length(); i + 3 < n; i++) {
            // the regex runs only where a capital, a dot, a capital and a dot begin: a full scan costs more than the rest of the rule
            if (text.charAt(i + 1) != '.' || text.charAt(i + 3) != '.' || !Character.isUpperCase(text.charAt(i))
                    || !Character.isUpperCase(text.charAt(i + 2)) || !m.region(i, n).lookingAt()) {
                continue;
            }
            i = m.end() - 1;
            String letters = m.group(1).replace(".", "");
            if (letters.equals("AM") || letters.equals("PM")) {
                continue;
            }
            int from = Math.max(0, m.start() - 12);
            boolean person = PERSON_BEFORE.matcher(text).region(from, m.start()).find()
                    || AGE_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()
                    || !DOTTED_ABBREVIATIONS.contains(letters) && (WEAK_PERSON_BEFORE.matcher(text).region(from, m.start()).find()
                    || personVerbAfter(text, m.end()) || signature(text, m.start(), m.end()));
            boolean heading = m.end() < text.length() && text.charAt(m.end()) == ':' && (m.start() == 0 || text.charAt(m.start() - 1) == '\n');
            boolean shorthand = DOTTED_ABBREVIATIONS.contains(letters) || lex.clinical.contains(letters) || heading
                    || MEASURE_AFTER.matcher(text).region(m.end(), text.length()).lookingAt();
            if (person || !shorthand) {
                out.add(new Span(m.start(1), m.end(1), PhiType.NAME));
            }
        }
    }

    /** A person verb right after ("V.F. refused the labs", "S.H. ambulated"). */
    private static boolean personVerbAfter(String text, int end) {
        int a = end;
        while (a < text.length() && text.charAt(a) == ' ') {
            a++;
        }
        int b = a;
        while (b < text.length() && Character.isLetter(text.charAt(b))) {
            b++;
        }
        String w = text.substring(a, b);
        return a > end && ContextCues.PERSON_VERBS.contains(w) && !AUXILIARIES.contains(w);
    }

    /** Alone on its line after a dash ("-- H.L."): a signature. */
    private static boolean signature(String text, int start, int end) {
        int lineEnd = text.indexOf('\n', end);
        if (!text.substring(end, lineEnd < 0 ? text.length() : lineEnd).isBlank()) {
            return false;
        }
        int i = start - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && "-–—".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * "DAUGHTER-KRISSY---555-1234", "GRAND DAUGHTER-LUCI", "wife-Marisol": a relative joined by a hyphen to the name after it
     * (the tokeniser keeps hyphenated words whole); "SON-IN-LAW" and "MOTHER-IN-LAW" join only everyday words.
     */
    void hyphenedRelatives(EnglishTokens tk, List<Span> out) {
        for (int t = 0; t < tk.size; t++) {
            int a = tk.start[t];
            int b = tk.end[t];
            int dash = indexIn(tk.text, '-', a, b);
            if (dash < 0 || dash >= b - 1 || !ContextCues.kin(tk.text.substring(a, dash).toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            int from = dash + 1;
            int to = indexIn(tk.text, '-', from, b);
            to = to < 0 ? b : to;
            boolean letters = to - from >= 3;
            for (int i = from; i < to && letters; i++) {
                letters = Character.isLetter(tk.text.charAt(i));
            }
            boolean listed = lex.names.contains(tk.text, from, to);
            boolean everyday = lex.safe.contains(tk.text, from, to) || lex.clinical.contains(tk.text, from, to);
            // an everyday word that is also a name ("Rose", "Will") only when no word follows it: "HUSBAND-WILL CALL" is a verb
            boolean wordAfter = to < b || t + 1 < tk.size && tk.start[t + 1] - b == 1 && tk.text.charAt(b) == ' ' && tk.length(t + 1) > 1;
            if (letters && (listed && !everyday || !listed && !everyday || listed && !wordAfter)) {
                out.add(new Span(from, to, PhiType.NAME));
            }
        }
    }

    /** Where {@code c} first occurs in [from, to), or -1: bounded, unlike indexOf, which would scan the rest of the note. */
    static int indexIn(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static final Set<String> CREDENTIALS = Set.of("md", "m.d", "do", "d.o", "rn", "np", "pa", "pa-c", "phd", "mbbs", "dds",
            "pharmd", "lcsw", "crna", "cnm", "aprn", "fnp", "dnp", "mph", "msw", "lpn", "psyd", "od", "dpm", "facp", "facc", "fnp-c");

    /** A dictating clinician's code right after the credential of a signature ("BRIGHT, M.D.    FB59": initials and a number). */
    private static final Pattern DICTATION_CODE = Pattern.compile("(?:\\bM\\.D\\.|\\bMD\\b|\\bD\\.O\\.|\\bNP\\b|\\bPA-C\\b)[ \\t]{2,}([A-Z]{2,3}\\d{1,4})\\b");

    /** "FILBERT BRIGHT, M.D.    FB59": the code that stands for the dictating clinician is part of the signature. */
    static void dictationCodes(String text, List<Span> out) {
        if (text.indexOf("  ") < 0) {
            return;
        }
        Matcher m = DICTATION_CODE.matcher(text);
        while (m.find()) {
            out.add(new Span(m.start(1), m.end(1), PhiType.NAME));
        }
    }

    /** "FILBERT BRIGHT, M.D.", "Owen M Gallagher, MD": up to four capitalised words before a credential are a person. */
    void namesBeforeCredentials(EnglishTokens tk, List<Span> out) {
        for (int t = 1; t < tk.size; t++) {
            if (!CREDENTIALS.contains(credential(tk, t)) || tk.text.charAt(tk.start[t] - 1) != ' ' || tk.charBefore(t) != ','
                    || TITLES.contains(lower(tk, t)) && t + 1 < tk.size && tk.isCapitalised(t + 1) && tk.start[t + 1] - tk.end[t] == 1) {
                continue; // "Febrile, NP Jen aware": the credential is the title of the name after it, not of the word before
            }
            int e = t - 1;
            int s = e;
            while (s - 1 >= 0 && e - s < 3 && tk.isCapitalised(s - 1) && !tk.hasDigit(s - 1) && gapOk(tk, s - 1)) {
                s--;
            }
            if (tk.isCapitalised(e) && !tk.hasDigit(e) && tk.text.charAt(tk.end[e]) == ',' && !TITLES.contains(lower(tk, s))) {
                out.add(new Span(tk.start[s], tk.end[e], PhiType.NAME));
            }
        }
    }

    /** "M.D." is tokenised as M, D: read the credential back from the text. */
    private static String credential(EnglishTokens tk, int t) {
        int end = tk.end[t];
        while (end < tk.text.length() && end - tk.start[t] < 8 && (Character.isLetter(tk.text.charAt(end)) || tk.text.charAt(end) == '.'
                || tk.text.charAt(end) == '-')) {
            end++;
        }
        String c = tk.text.substring(tk.start[t], end).toLowerCase(java.util.Locale.ROOT);
        return c.endsWith(".") ? c.substring(0, c.length() - 1) : c;
    }

    /** Dictation lines: "XGT:holmes", "GPP/church/olinger" — the lower-case parts are the transcriptionists' names. */
    static void transcriptionSignatures(EnglishTokens tk, List<Span> out) {
        java.util.regex.Matcher m = SIGNATURE.matcher(tk.text);
        while (m.find()) {
            int from = m.start(1);
            for (String part : m.group(1).split("/")) {
                out.add(new Span(from, from + part.length(), PhiType.NAME));
                from += part.length() + 1;
            }
        }
    }

    private static final Pattern SIGNATURE = Pattern.compile("(?m)^\\s*[A-Z]{2,4}[:/]((?:[a-z]{3,}/?){1,3})\\s*$");

    /**
     * "Last, First" and "LAST, FIRST": when one side is already a name, or both are capital words with a listed
     * name among them and no clinical abbreviation ("CHF, COPD" stays), the pair is one name.
     */
    void invertedNames(EnglishTokens tk, Kind[] kind, ShoutedLines shouted, List<Span> out) {
        boolean[] inName = null;
        for (int t = 0; t + 1 < tk.size; t++) {
            if (tk.end[t] + 2 != tk.start[t + 1] || tk.text.charAt(tk.end[t]) != ',' || tk.text.charAt(tk.end[t] + 1) != ' '
                    || !tk.isCapitalised(t) || !tk.isCapitalised(t + 1) || tk.hasDigit(t) || tk.hasDigit(t + 1)
                    || tk.length(t) < 2 || tk.length(t + 1) < 2) {
                continue;
            }
            if (inName == null) {
                inName = nameTokens(tk, out);
            }
            boolean leftName = inName[t];
            boolean rightName = inName[t + 1];
            if (leftName == rightName && !(tk.isAllCaps(t) && tk.isAllCaps(t + 1) && !leftName)) {
                continue;
            }
            if (!leftName && !rightName && !capitalPair(tk, t, shouted.at(t))) {
                continue;
            }
            int other = leftName ? t + 1 : t;
            if (CREDENTIALS.contains(lower(tk, other)) || TITLES.contains(lower(tk, other))) {
                continue;
            }
            if (!leftName && !rightName || kind[other] != Kind.OTHER || tk.isAllCaps(other) && !clinicalAcronym(tk, other)
                    && tk.length(other) >= 3) {
                out.add(new Span(tk.start[t], tk.end[t + 1], PhiType.NAME));
            }
        }
    }

    /** Which tokens lie inside a NAME span found so far (one pass over the spans, a binary search each). */
    private static boolean[] nameTokens(EnglishTokens tk, List<Span> out) {
        boolean[] in = new boolean[tk.size];
        for (Span sp : out) {
            if (sp.type() != PhiType.NAME) {
                continue;
            }
            int t = java.util.Arrays.binarySearch(tk.start, 0, tk.size, sp.start());
            for (t = t < 0 ? -t - 1 : t; t < tk.size && tk.end[t] <= sp.end(); t++) {
                in[t] = true;
            }
        }
        return in;
    }

    /** "SEQUOIA, BEN": two all-capital words, one a listed name, none a clinical word or a known acronym. */
    /** Verbs after "X and Y" that make both people ("Dale and White were at the bedside"). */
    private static final Set<String> PAIR_VERBS = Set.of("were", "are", "have", "had", "called", "visited", "came", "both", "spoke",
            "agreed", "agree", "stayed", "left", "arrived");

    /**
     * "Dale and White were ...": two listed names joined by "and" before a plural person verb are people, even when each is
     * also an everyday word at the start of a sentence.
     */
    void namePairs(EnglishTokens tk, Kind[] kind, List<Span> out) {
        for (int t = 1; t + 2 < tk.size; t++) {
            if (!tk.is(t, "and") || !TokenClassifier.nameish(kind[t - 1]) || !TokenClassifier.nameish(kind[t + 1])
                    || !tk.isCapitalised(t - 1) || !tk.isCapitalised(t + 1) || tk.isAllCaps(t - 1) || tk.isAllCaps(t + 1)
                    || !PAIR_VERBS.contains(lower(tk, t + 2))) {
                continue;
            }
            if (lex.names.contains(tk.text, tk.start[t - 1], tk.stemEnd(t - 1)) && lex.names.contains(tk.text, tk.start[t + 1], tk.stemEnd(t + 1))) {
                out.add(new Span(tk.start[t - 1], tk.end[t - 1], PhiType.NAME));
                out.add(new Span(tk.start[t + 1], tk.end[t + 1], PhiType.NAME));
            }
        }
    }

    /** Two capitals around a comma, one a listed name; on a line in capitals a name that is no ordinary word ("INTUBATED, GOOD"). */
    private boolean capitalPair(EnglishTokens tk, int t, boolean shouted) {
        boolean listed = false;
        for (int i = t; i <= t + 1; i++) {
            if (clinicalAcronym(tk, i) || tk.length(i) < 3) {
                return false;
            }
            listed |= lex.names.contains(tk.text, tk.start[i], tk.end[i]) && !(shouted && lex.safe.contains(tk.text, tk.start[i], tk.end[i]));
        }
        return listed;
    }

    private boolean clinicalAcronym(EnglishTokens tk, int t) {
        return lex.clinical.contains(tk.text, tk.start[t], tk.end[t]) || lex.eponyms.contains(tk.text, tk.start[t], tk.end[t]);
    }
}
