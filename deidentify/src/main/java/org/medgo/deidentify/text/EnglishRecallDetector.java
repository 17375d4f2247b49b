package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.ClinicalContext.CHAMBER_AFTER;
import static org.medgo.deidentify.text.ClinicalContext.clinicalAfter;
import static org.medgo.deidentify.text.ClinicalContext.doseFollows;
import static org.medgo.deidentify.text.ContextCues.PARTICLES;
import static org.medgo.deidentify.text.ContextCues.PERSON_CUES;
import static org.medgo.deidentify.text.ContextCues.PLACE_CUES;
import static org.medgo.deidentify.text.ContextCues.TRAVEL;
import static org.medgo.deidentify.text.ContextCues.gapOk;
import static org.medgo.deidentify.text.ContextCues.personFollows;
import static org.medgo.deidentify.text.ContextCues.sentenceStart;
import static org.medgo.deidentify.text.ContextCues.signatureLine;
import static org.medgo.deidentify.text.ContextCues.title;
import static org.medgo.deidentify.text.NameShapes.trailingInitials;
import static org.medgo.deidentify.text.NameShapes.transcriptionSignatures;
import static org.medgo.deidentify.text.PlaceShapes.cityShortForms;
import static org.medgo.deidentify.text.TokenClassifier.nameish;

import java.util.List;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.TokenClassifier.Kind;

/**
 * Recall-first English names and places, the safe-list way (as Philter does it): a capitalised token that
 * is not a known English, medical or drug word is taken for a name or a place unless context says
 * otherwise (an eponym before "disease", "sign"...). Known words that are also names ("Rose", "Will",
 * "Brown") or towns count when context says so: a title before them, another name or an initial next to
 * them, or a capital in mid-sentence. The whole run goes ("Dr. Maria K." leaves neither "Maria" nor "K").
 */
final class EnglishRecallDetector implements Detector {
    private final EnglishLexicon lex;
    private final TokenClassifier classifier;
    private final ClinicalContext clinical;
    private final LowerCaseNames lowerCaseNames;
    private final NameShapes nameShapes;
    private final PlaceShapes places;

    EnglishRecallDetector(EnglishLexicon lexicon) {
        this.lex = lexicon;
        this.classifier = new TokenClassifier(lexicon);
        this.clinical = new ClinicalContext(lexicon);
        this.lowerCaseNames = new LowerCaseNames(lexicon, classifier);
        this.nameShapes = new NameShapes(lexicon);
        this.places = new PlaceShapes(lexicon);
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        EnglishTokens tk = new EnglishTokens(text);
        ShoutedLines shouted = new ShoutedLines(tk);
        Kind[] kind = new Kind[tk.size];
        for (int t = 0; t < tk.size; t++) {
            kind[t] = classifier.classify(tk, t);
        }
        for (int t = 0; t < tk.size; t++) {
            if ((kind[t] == Kind.CANDIDATE || kind[t] == Kind.NAMEABLE) && !title(tk, t - 1)
                    && (clinical.species(tk, t) || doseFollows(tk, t) || clinical.scoreFollows(tk, t) || decimalFollows(tk, t))) {
                kind[t] = Kind.OTHER; // "Klebsiella pneumoniae", "Lantus 20 units": an organism, a drug
            } else if (nameish(kind[t]) && tk.isAllCaps(t) && t + 1 < tk.size && CHAMBER_AFTER.contains(lower(tk, t + 1))) {
                kind[t] = Kind.OTHER; // "thrombus in LA appendage": the left atrium, not Los Angeles
            } else if (nameish(kind[t]) && t + 1 < tk.size && kind[t + 1] == Kind.OTHER && tk.isCapitalised(t + 1)
                    && PARTICLES.contains(lower(tk, t))) {
                kind[t] = Kind.OTHER; // "Von Willebrand": a particle before a clinical word
            } else if (nameish(kind[t]) && tk.is(t, "person") && tk.is(t - 1, "contact")) {
                kind[t] = Kind.OTHER; // "CONTACT PERSON ODILE": a role, not the surname Person
            } else if (kind[t] == Kind.OTHER && shortUnknownCapitals(tk, t) && (ContextCues.strongPersonCue(tk, t - 1)
                    || tk.is(t - 1, "person") && tk.is(t - 2, "contact")
                    || t + 1 < tk.size && STAFF_AFTER.contains(lower(tk, t + 1)) && tk.start[t + 1] - tk.end[t] == 1
                    || rareName(tk, t - 1) && tk.start[t] - tk.end[t - 1] == 1 && tk.text.charAt(tk.end[t - 1]) == ' '
                    && (tk.end[t] >= tk.text.length() || tk.text.charAt(tk.end[t]) != ':'))) {
                kind[t] = Kind.CANDIDATE; // "DR TYRO", "BROTHER VINNY", "ODELL TRASK RRT": a name, not an acronym
            } else if (kind[t] == Kind.OTHER && ordinaryWordAfterTitle(tk, t)) {
                kind[t] = Kind.CANDIDATE; // "DR HOARD AWARE", "MRS CROW HERE": the surname, though an everyday word
            }
        }
        int t = 0;
        while (t < tk.size) {
            if (!nameish(kind[t])) {
                lowerCaseNames.lowerCaseNameAfterCue(tk, t, out);
                t++;
                continue;
            }
            int e = t;
            while (true) {
                if (e + 1 < tk.size && gapOk(tk, e) && nameish(kind[e + 1])) {
                    e++;
                } else if (e + 2 < tk.size && gapOk(tk, e) && PARTICLES.contains(lower(tk, e + 1)) && tk.isLower(e + 1)
                        && gapOk(tk, e + 1) && nameish(kind[e + 2]) && kind[e + 2] != Kind.INITIAL) {
                    e += 2;
                } else {
                    break;
                }
            }
            decide(tk, kind, shouted, t, e, out);
            t = e + 1;
        }
        places.multiWordPlaces(tk, out);
        places.lowerCasePlaces(tk, out);
        lowerCaseNames.lowerCaseNames(tk, out);
        lowerCaseNames.lowerCaseInitials(tk, out);
        nameShapes.invertedNames(tk, kind, shouted, out);
        nameShapes.namesBeforeCredentials(tk, out);
        nameShapes.namePairs(tk, kind, out);
        nameShapes.hyphenedRelatives(tk, out);
        transcriptionSignatures(tk, out);
        NameShapes.dictationCodes(tk.text, out);
        trailingInitials(tk.text, out);
        nameShapes.dottedInitials(tk.text, out);
        cityShortForms(tk, out);
    }

    private void decide(EnglishTokens tk, Kind[] kind, ShoutedLines shouted, int s, int e, List<Span> out) {
        int candidates = 0;
        int nameable = 0;
        int clinicalNames = 0;
        int initials = 0;
        int abbreviations = 0;
        int listedNames = 0;
        int single = -1;
        for (int i = s; i <= e; i++) {
            switch (kind[i]) {
                case CANDIDATE -> candidates++;
                case NAMEABLE -> {
                    nameable++;
                    single = i;
                }
                case CLINICAL_NAME -> clinicalNames++;
                case INITIAL -> initials++;
                case ABBREVIATION -> abbreviations++;
                default -> {
                }
            }
            if (kind[i] != Kind.INITIAL && lex.names.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                listedNames++;
            }
        }
        boolean titled = title(tk, s - 1);
        String prev = s > 0 ? lower(tk, s - 1) : "";
        if (abbreviations > 0 && candidates + nameable + clinicalNames == 0 && !titled && !dottedInitial(tk, kind, s, e)
                && !abbreviationCue(tk, s, e, prev)) {
            return; // "Vanco", "Bilat BS", "Cx sent": shorthand; "Hi Tav," and "Dr. Tyro" are names
        }
        int unknown = candidates;
        candidates += abbreviations;
        if (titled && candidates + nameable + clinicalNames == 0 && initials > 0) {
            out.add(new Span(tk.start[s], tk.end[e], PhiType.NAME)); // "Dr. K."
            return;
        }
        if (candidates + nameable + clinicalNames == 0 || !titled && (clinicalAfter(tk, e) || region(tk, s, e))) {
            return;
        }
        boolean flag;
        if (!titled && shouted.at(s) && shouted.at(e)) {
            flag = shoutedCue(tk, s, e, prev, listedNames, nameable + clinicalNames)
                    || initials > 0 && e > s && candidates + nameable + clinicalNames > 0 && bareLettersInside(tk, kind, s, e) // "B. KARGAS", "DAN A. FORMAN-LYONS"
                    || nameable == 0 && (unknown > 0 || listedNames > 0) && (prev.equals("per") || prev.equals("by")) && tk.length(e) > 2
                    || unknown > 0 && (SHOUTED_PLACE_CUES.contains(prev) || prev.equals("the") && SHOUTED_PLACE_CUES.contains(lower(tk, s - 2))
                    || prev.equals("to") && e + 1 < tk.size && tk.hasDigit(e + 1)); // "TO QUARTERMAIN 3"; "TO EXTUBATE" is a verb
        } else if (titled || candidates > 0) {
            flag = true;
        } else if (nameable + clinicalNames >= 2 && listedNames >= 1 || (nameable + clinicalNames) >= 1 && initials >= 1) {
            flag = true;
        } else if (nameable == 1) {
            boolean listed = lex.names.contains(tk.text, tk.start[single], tk.stemEnd(single));
            boolean ordinary = lex.safe.contains(tk.text, tk.start[single], tk.stemEnd(single));
            if (!listed) {
                // "trip to Marathon", "moved to Normal": a destination after a travel word ("discharged to Home" stays)
                flag = PLACE_CUES.contains(prev) && (!ordinary || !prev.equals("of"))
                        || prev.equals("to") && TRAVEL.contains(lower(tk, s - 2));
            } else if (titleCase(tk, kind, s, e)) {
                // "Is the Distance Worth It?", "Compared to Oral Contraceptive Pill": a capital inside a title is no cue
                flag = PERSON_CUES.contains(prev) && !TITLE_WORDS.contains(prev) || personFollows(tk, e);
            } else {
                flag = PERSON_CUES.contains(prev) || !sentenceStart(tk, s) || personFollows(tk, e) && !littleIsKnown(tk, s, e)
                        || signatureLine(tk, s, e);
            }
        } else {
            flag = PERSON_CUES.contains(prev) && !prev.equals("and") && !prev.equals("with");
        }
        boolean aged = ContextCues.ageFollows(tk, e);
        if (!flag && !aged) {
            return;
        }
        // A lone initial at either end belongs to the name; a clinical word at the start does not ("Black Maria" stays a run).
        boolean placeCue = PLACE_CUES.contains(prev) && !titled;
        PhiType type = !titled && !aged && (placeCue && (places.placeRun(tk, s, e) || listedNames == 0) || listedNames == 0 && places.placeRun(tk, s, e))
                ? PhiType.ADDRESS : PhiType.NAME;
        out.add(new Span(tk.start[s], tk.end[e], type));
    }

    /** Nouns that take a letter ("vitamin D.", "hepatitis B.", "type A."): the letter after them is no initial. */
    private static final java.util.Set<String> LETTER_NOUNS = java.util.Set.of("vitamin", "vit", "hepatitis", "hep", "type", "stage",
            "grade", "class", "group", "factor", "lead", "zone", "phase", "plan", "option", "part", "step", "protein", "influenza", "flu",
            "strep", "cluster", "list", "section", "appendix", "figure", "table");

    /** "Q. Maslin": an initial with its dot opening the run makes the rare word after it a surname. */
    private static boolean dottedInitial(EnglishTokens tk, Kind[] kind, int s, int e) {
        return e > s && kind[s] == Kind.INITIAL && tk.dotAfter(s) && !(s > 0 && (tk.isCapitalised(s - 1) || LETTER_NOUNS.contains(lower(tk, s - 1))));
    }

    /** "Little is known", "Much was reported": a quantifier that is also a name, before a passive of knowing. */
    private static boolean littleIsKnown(EnglishTokens tk, int s, int e) {
        return s == e && QUANTIFIERS.contains(lower(tk, s)) && e + 2 < tk.size && BE.contains(lower(tk, e + 1))
                && KNOWN.contains(lower(tk, e + 2));
    }

    private static final java.util.Set<String> QUANTIFIERS = java.util.Set.of("little", "much", "more", "less", "most", "early",
            "further", "still");
    private static final java.util.Set<String> BE = java.util.Set.of("is", "was", "are", "were", "has", "have", "had");
    private static final java.util.Set<String> KNOWN = java.util.Set.of("known", "unknown", "understood", "reported", "published",
            "needed", "required", "been", "available", "written", "documented");

    /** Person cues that are also words of a title ("Patient Risk As a Result", "Culture, Attitudes, and Faith"). */
    private static final java.util.Set<String> TITLE_WORDS = java.util.Set.of("and", "patient", "with", "by", "per");

    /** Small words a title leaves in lower case. */
    private static final java.util.Set<String> TITLE_SMALL_WORDS = java.util.Set.of("a", "an", "the", "of", "in", "on", "at", "to",
            "for", "and", "or", "as", "by", "with", "from", "vs", "versus", "after", "before", "into");

    /**
     * A run inside a line written in Title Case: an ordinary capitalised word on each side (a small word such as "of" or
     * "the" may stand between), or two before it when the run ends the title ("Culture, Attitudes, and Faith?").
     */
    private static boolean titleCase(EnglishTokens tk, Kind[] kind, int s, int e) {
        int left = titleNeighbour(tk, kind, s - 1, -1);
        if (left < 0) {
            return false;
        }
        int right = titleNeighbour(tk, kind, e + 1, 1);
        boolean ends = e + 1 >= tk.size || tk.text.indexOf('\n', tk.end[e]) == tk.end[e] || "?!:.".indexOf(charAt(tk.text, tk.end[e])) >= 0;
        return right >= 0 || ends && titleNeighbour(tk, kind, left - 1, -1) >= 0;
    }

    /** The token at t, or past one small word in direction d, if it is an ordinary capitalised word (not in capitals); else -1. */
    private static int titleNeighbour(EnglishTokens tk, Kind[] kind, int t, int d) {
        if (t >= 0 && t < tk.size && tk.isLower(t) && TITLE_SMALL_WORDS.contains(lower(tk, t))) {
            t += d;
        }
        return t >= 0 && t < tk.size && kind[t] == Kind.OTHER && tk.isCapitalised(t) && !tk.isAllCaps(t) && !tk.hasDigit(t) ? t : -1;
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : ' ';
    }

    /**
     * Every letter without a dot sits between two words of the run ("JOHN Q ADAMS"): in capitals a bare letter at either end
     * is shorthand or an article ("HAD A GOOD DAY", "GIVEN W", "T MAX", "L SUBCLAVIAN"), not an initial.
     */
    private static boolean bareLettersInside(EnglishTokens tk, Kind[] kind, int s, int e) {
        for (int i = s; i <= e; i++) {
            if (kind[i] == Kind.INITIAL && !tk.dotAfter(i) && (i == s || i == e || tk.first(i) == 'A' || tk.first(i) == 'I')) {
                return false;
            }
        }
        return true;
    }

    /**
     * The run is a country, a US state or a compass part of one, with at most one word before or after it ("North
     * [Carolina]", "[West] Africa", "New [Zealand]"), or after a place cue one that is also a given name ("in [Jamaica]"):
     * Safe Harbor keeps these.
     */
    private boolean region(EnglishTokens tk, int s, int e) {
        boolean placeCue = s > 0 && PLACE_CUES.contains(lower(tk, s - 1));
        for (int from = Math.max(0, s - 1); from <= s; from++) {
            for (int to = e; to <= Math.min(tk.size - 1, e + 1); to++) {
                // one word ("Jamaica", a given name too) only after "in", "from"...: "with Jordan" is a person
                if ((to > from || placeCue) && lex.regions.contains(tk.text, tk.start[from], tk.end[to])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "Tmax 101.2", "Creat 1.4": a measurement written right after the word; a person's name is not followed by a decimal. */
    private static boolean decimalFollows(EnglishTokens tk, int t) {
        if (t + 1 >= tk.size || tk.start[t + 1] - tk.end[t] != 1 || tk.text.charAt(tk.end[t]) != ' ') {
            return false;
        }
        int a = tk.start[t + 1];
        int b = tk.end[t + 1];
        return tk.digits(t + 1) == b - a - 1 && tk.text.indexOf('.', a) > a && tk.text.indexOf('.', a) < b - 1;
    }

    /** Person cues that still hold on a line in capitals ("BROTHER VINNY", "HI BEA"); "WITH", "BY", "PT" do not. */
    private static final java.util.Set<String> WEAK_IN_CAPITALS = java.util.Set.of("and", "with", "by", "per", "pt", "patient", "name",
            "best", "love");

    /** Where an unknown word in capitals is a place ("AT CALVERT", "FROM THE KEELEY HOUSE"; "TO" only before a ward number). */
    private static final java.util.Set<String> SHOUTED_PLACE_CUES = java.util.Set.of("at", "from", "in", "near");

    /** On a line in capitals: a cue before or after, a signature, or a listed name beside an unknown word ("BEA TURA"). */
    private static boolean shoutedCue(EnglishTokens tk, int s, int e, String prev, int listedNames, int ordinaryNames) {
        return PERSON_CUES.contains(prev) && !WEAK_IN_CAPITALS.contains(prev) || ContextCues.strongPersonCue(tk, s - 1)
                || e + 1 < tk.size && ShoutedLines.PERSON_AFTER.contains(lower(tk, e + 1)) && tk.start[e + 1] - tk.end[e] == 1
                && tk.length(e) > 2 // "HO AWARE", "NP AWARE": a role, not a name
                || signatureLine(tk, s, e) || e > s && listedNames >= 1 && ordinaryNames == 0
                || ContextCues.signsTheNote(tk, s, e) && listedNames >= 1 && ordinaryNames == 0
                || commaJoined(tk, s, e) // "OROZCO,KYLE": a chart's LAST,FIRST
                || STAFF_AFTER.contains(lower(tk, e + 1)) && e + 1 < tk.size && tk.text.charAt(tk.end[e]) != '.' // "JON DEVAUX RRT"
                && tk.start[e + 1] - tk.end[e] <= 2 && tk.length(e) > 2
                || tk.end[e] + 2 < tk.text.length() && tk.text.startsWith(" (", tk.end[e]) && ContextCues.kin(lower(tk, e + 1));
    }

    /** "OROZCO,KYLE" / "KYLE" in it: a comma with no space between two capital words, one a listed name. */
    private static boolean commaJoined(EnglishTokens tk, int s, int e) {
        String t = tk.text;
        boolean after = e + 1 < tk.size && tk.end[e] < t.length() && t.charAt(tk.end[e]) == ',' && tk.start[e + 1] == tk.end[e] + 1
                && tk.isCapitalised(e + 1);
        boolean before = s > 0 && tk.start[s] > 0 && t.charAt(tk.start[s] - 1) == ',' && tk.end[s - 1] == tk.start[s] - 1
                && tk.isCapitalised(s - 1);
        return (after || before) && !tk.hasDigit(s) && tk.length(s) >= 3;
    }

    /** Credentials and roles written after a name ("Q. LANDER RRT", "K. ABRAMS PA", "DICK CUCCHIARA (RESIDENT)"). */
    static final java.util.Set<String> STAFF_AFTER = java.util.Set.of("rrt", "rn", "np", "pa", "md", "lpn", "crna", "resident",
            "intern", "fellow", "rph", "pharmd", "licsw", "lcsw", "msw");

    /** Person verbs after shorthand that make it a name ("Tav called", "Koh agrees"); "is", "was", "has" do not. */
    private static final java.util.Set<String> PERSON_AFTER_ABBREVIATION = java.util.Set.of("agrees", "agreed", "denies", "declined",
            "refused", "wants", "asked", "feels", "felt", "lives", "works", "visited");

    /** Words before a name in speech and family talk ("said Erle", "my kid Agi"), or before a place. */
    private static final java.util.Set<String> SPEECH_BEFORE = java.util.Set.of("said", "asked", "told", "kid", "baby", "named",
            "city", "town", "village", "where"); // and places: "home city Assen", "Where: Novo mesto"

    private static boolean abbreviationCue(EnglishTokens tk, int s, int e, String prev) {
        String next = lower(tk, e + 1);
        return PERSON_CUES.contains(prev) && !WEAK_IN_CAPITALS.contains(prev) || ContextCues.strongPersonCue(tk, s - 1)
                || SPEECH_BEFORE.contains(prev) || PLACE_CUES.contains(prev) && !prev.equals("of")
                || (ShoutedLines.PERSON_AFTER.contains(next) || PERSON_AFTER_ABBREVIATION.contains(next)) && tk.isLower(e + 1)
                || signatureLine(tk, s, e);
    }

    /** A listed name of 3+ letters that is no ordinary word ("ODELL", "Maria"). */
    private boolean rareName(EnglishTokens tk, int t) {
        return t >= 0 && tk.length(t) >= 3 && !tk.hasDigit(t) && lex.names.contains(tk.text, tk.start[t], tk.stemEnd(t))
                && !lex.safe.contains(tk.text, tk.start[t], tk.stemEnd(t)) && !lex.clinical.contains(tk.text, tk.start[t], tk.stemEnd(t));
    }

    /** Words that follow a doctor's title without being a surname ("DR AWARE", "DR OFFICE", "CALLED DR RE LABS"). */
    private static final java.util.Set<String> NOT_AFTER_TITLE = java.util.Set.of("office", "offices", "orders", "order", "visit",
            "appt", "appointment", "note", "notes", "team", "rounds", "here", "there", "the", "for", "not", "regarding", "about",
            "also", "now", "today", "tonight", "off", "made", "of", "in", "at", "to", "on", "or", "re", "into", "this",
            "that", "who", "what", "when", "why", "how", "please", "again", "back", "out", "up", "down", "over", "still", "yet");

    /**
     * An everyday word in capitals right after a doctor's title in capitals ("DR HOARD AWARE"): on a line typed in capitals the
     * title names the next word, unless it is a clinical word, a verb of care ("DR NOTIFIED", "DR PAGED", "DR AWARE") or a
     * word of the note itself ("DR OFFICE", "DR ORDERS").
     */
    private boolean ordinaryWordAfterTitle(EnglishTokens tk, int t) {
        if (t < 1 || !tk.isAllCaps(t) || tk.length(t) < 3 || !ContextCues.SHOUTED_TITLES.contains(lower(tk, t - 1)) || !title(tk, t - 1)
                || tk.is(t - 1, "mr") && !tk.dotAfter(t - 1)) {
            return false; // "MR SOUNDS LOUDER": mitral regurgitation at the start of a line
        }
        String w = lower(tk, t);
        for (int i = 0; i < w.length(); i++) {
            if (!Character.isLetter(w.charAt(i))) {
                return false;
            }
        }
        return lex.safe.contains(w) && !lex.clinical.contains(w) && !NOT_AFTER_TITLE.contains(w) && !ContextCues.PERSON_VERBS.contains(w)
                && !ShoutedLines.PERSON_AFTER.contains(w) && !w.endsWith("ed") && !w.endsWith("ing") && !w.endsWith("ly");
    }

    /** An all-capital word of 3+ letters that no clinical or ordinary-word list has ("TYRO", "KINN"): read as an acronym. */
    private boolean shortUnknownCapitals(EnglishTokens tk, int t) {
        if (tk.length(t) < 3 || !tk.isAllCaps(t) || tk.hasDigit(t)) {
            return false;
        }
        int a = tk.start[t];
        int b = tk.stemEnd(t);
        boolean vowel = false;
        for (int i = a; i < b; i++) {
            char c = tk.text.charAt(i);
            if (!Character.isLetter(c)) {
                return false;
            }
            vowel |= "AEIOUY".indexOf(c) >= 0;
        }
        // "RN SXN", "RN BSN": no name lacks a vowel
        return vowel && !lex.clinical.contains(tk.text, a, b) && !lex.safe.contains(tk.text, a, b) && !lex.eponyms.contains(tk.text, a, b);
    }

    static String lower(EnglishTokens tk, int t) {
        return t < 0 || t >= tk.size ? "" : tk.text.substring(tk.start[t], tk.end[t]).toLowerCase(java.util.Locale.ROOT);
    }
}
