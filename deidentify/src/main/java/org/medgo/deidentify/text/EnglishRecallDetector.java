package org.medgo.deidentify.text;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Recall-first English names and places, the safe-list way (as Philter does it): a capitalised token that
 * is not a known English, medical or drug word is taken for a name or a place unless context says
 * otherwise (an eponym before "disease", "sign"...). Known words that are also names ("Rose", "Will",
 * "Brown") or towns count when context says so: a title before them, another name or an initial next to
 * them, or a capital in mid-sentence. The whole run goes ("Dr. Maria K." leaves neither "Maria" nor "K").
 */
final class EnglishRecallDetector implements Detector {
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
        INITIAL
    }

    private static final Set<String> TITLES = Set.of("dr", "drs", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "doctor",
            "nurse", "sister", "rev", "fr", "capt", "sgt", "messrs", "dame", "sir", "judge", "np", "rn", "lpn", "aprn", "fnp", "pa");
    /** Abbreviations that sit next to names and places but are neither ("Dr.", "St.", "Jr."). */
    private static final Set<String> ABBREVIATIONS = Set.of("st", "mt", "ft", "ste", "ave", "rd", "blvd", "dept", "apt", "jr",
            "sr", "ii", "iii", "iv", "vs", "etc", "approx", "hosp", "med", "ctr", "univ", "co", "corp", "inc", "llc", "ltd");
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "da", "del", "della", "di", "du", "le", "la",
            "dos", "das", "bin", "ibn", "al", "el", "ter", "ten", "vander", "st");
    private static final Set<String> PERSON_CUES = Set.of("named", "name", "by", "per", "with", "wife", "husband", "daughter",
            "son", "mother", "father", "sister", "brother", "friend", "neighbor", "neighbour", "partner", "spouse", "caregiver",
            "mom", "dad", "grandmother", "grandfather", "grandson", "granddaughter", "aunt", "uncle", "niece", "nephew",
            "boyfriend", "girlfriend", "fiance", "fiancee", "cousin", "colleague", "coworker", "roommate", "and", "pt", "patient",
            // greetings and sign-offs: "Hi Jay,", "Thanks, Divine"
            "hi", "hello", "hey", "dear", "thanks", "thank", "regards", "sincerely", "cheers", "best", "love", "xoxo");
    private static final Set<String> PERSON_VERBS = Set.of(
            "presented", "presents", "reports", "reported", "states", "stated", "denies", "denied", "came", "comes", "returns",
            "returned", "called", "complains", "complained", "arrived", "notes", "noted", "says", "said", "continues", "remains",
            "underwent", "tolerated", "agrees", "agreed", "declined", "refused", "wants", "asked", "feels", "felt", "describes",
            "endorses", "developed", "lives", "works", "visited", "brought", "phoned", "signed", "consented", "requested", "was",
            "is", "has", "had", "will", "would", "and", "began", "started", "stopped", "shouted", "told", "wrote", "went", "got",
            "took", "left", "needs", "needed", "spoke", "speaks", "died", "passed", "does", "did", "can", "could", "should",
            "may", "might", "must", "lived", "worked", "married", "gave", "ambulated", "ambulates", "ambulating", "slept",
            "sleeps", "ate", "eats", "voided", "walked", "walks", "verbalized", "verbalizes", "understands", "understood",
            "expressed", "demonstrated", "demonstrates", "participated", "appears", "appeared", "seems", "seemed", "cried",
            "smiled", "rested", "requests", "missed", "forgot", "completed", "received", "vomited", "fell", "tolerating",
            "reporting", "endorsed", "admits", "admitted", "tested", "uses", "used", "takes", "taking", "drinks", "smokes",
            "quit", "ambulatory", "woke", "awoke");
    /** Words after a heart-chamber abbreviation that is also a town (LA, RA): anatomy, not a place. */
    private static final Set<String> CHAMBER_AFTER = Set.of("appendage", "size", "volume", "enlargement", "enlarged", "dilation",
            "dilated", "pressure", "pressures", "thrombus", "clot", "mass", "myxoma", "diameter", "dimension", "dimensions", "wall",
            "was", "is", "normal", "mildly", "moderately", "severely", "index", "strain", "filling", "function");
    /** Credentials written before a name, usually in capitals ("NP Ed", "RN Okafor", "PA Lindqvist"). */
    private static final Set<String> CREDENTIAL_TITLES = Set.of("np", "rn", "lpn", "aprn", "fnp", "pa");
    private static final Set<String> KIN = Set.of("wife", "husband", "daughter", "son", "mother", "father", "mom", "dad", "sister",
            "brother", "partner", "spouse", "caregiver", "grandmother", "grandfather", "aunt", "uncle", "niece", "nephew", "children",
            "kids", "family", "parents", "granddaughter", "grandson", "boyfriend", "girlfriend", "fiance", "fiancee", "guardian");
    /** Words before "to" that make the next capital a destination, not a service. */
    private static final Set<String> TRAVEL = Set.of("trip", "travel", "traveled", "travelled", "traveling", "travelling", "drove",
            "driving", "flew", "flying", "moved", "moving", "relocated", "relocating", "vacation", "vacationed", "went", "going",
            "returned", "visit", "visited", "visiting", "cruise", "move", "commutes", "commute", "road");
    private static final Set<String> PLACE_CUES = Set.of("in", "from", "near", "outside", "around", "of");
    /** Capitalised shapes of medical words no list has yet (a new drug, a rare disease). */
    private static final Pattern MEDICAL_SHAPE = Pattern.compile(
            "(?i).{3,}(?:itis|emia|aemia|osis|ectomy|otomy|ostomy|plasty|pathy|algia|uria|penia|cardia|pnea|pnoea|scopy|graphy|"
            + "lysis|megaly|plegia|trophy|statin|pril|sartan|olol|azole|mycin|cillin|floxacin|parin|xaban|mab|tinib|gliptin|flozin|"
            + "glutide|triptan|setron|dipine|tidine|prazole|azepam|azolam|barbital|caine|cycline|vir|olone|lukast|profen|oxacin|"
            + "plasia|rrhea|rrhoea|ptysis|stasis|ectasia|iasis|emesis|phagia|phasia|ology|ologist|coccus|cocci|bacter|monas|"
            + "bacillus|virus|viridae|mycosis|grapher|ographer|iatrist|ician|apist|ologists|ians)");

    private static final WordSet CUE_WORDS = new WordSet(java.util.stream.Stream.concat(TITLES.stream(),
            java.util.stream.Stream.of("name", "calls", "call", "named", "aka")).toList());

    /** Latin/Greek clinical prefixes that surnames do not start with ("Seronegative", "Normocephalic", "Acetylsalicylic"). */
    private static final Pattern MEDICAL_PREFIX = Pattern.compile(
            "(?i)(?:sero|normo|acetyl|hypo|hyper|anti|peri|intra|extra|poly|micro|macro|neuro|cardio|gastro|hepato|nephro|pneumo|"
            + "broncho|osteo|arthro|dermato|hemato|haemato|immuno|onco|patho|psycho|pharmaco|myo|pseudo|tachy|brady|dys|hemi|"
            + "hydro|lympho|leuko|erythro|thrombo|glyco|lipo|chole|uro|retro|supra|infra|echo|electro|endoscop|laparo)[a-z]{4,}");

    private final EnglishLexicon lex;

    EnglishRecallDetector(EnglishLexicon lexicon) {
        this.lex = lexicon;
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        EnglishTokens tk = new EnglishTokens(text);
        Kind[] kind = new Kind[tk.size];
        for (int t = 0; t < tk.size; t++) {
            kind[t] = classify(tk, t);
        }
        for (int t = 0; t < tk.size; t++) {
            if ((kind[t] == Kind.CANDIDATE || kind[t] == Kind.NAMEABLE) && !title(tk, t - 1)
                    && (species(tk, t) || doseFollows(tk, t) || scoreFollows(tk, t))) {
                kind[t] = Kind.OTHER; // "Klebsiella pneumoniae", "Lantus 20 units": an organism, a drug
            } else if (nameish(kind[t]) && tk.isAllCaps(t) && t + 1 < tk.size && CHAMBER_AFTER.contains(lower(tk, t + 1))) {
                kind[t] = Kind.OTHER; // "thrombus in LA appendage": the left atrium, not Los Angeles
            } else if (nameish(kind[t]) && t + 1 < tk.size && kind[t + 1] == Kind.OTHER && tk.isCapitalised(t + 1)
                    && PARTICLES.contains(lower(tk, t))) {
                kind[t] = Kind.OTHER; // "Von Willebrand": a particle before a clinical word
            }
        }
        int t = 0;
        while (t < tk.size) {
            if (!nameish(kind[t])) {
                lowerCaseNameAfterCue(tk, t, out);
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
            decide(tk, kind, t, e, out);
            t = e + 1;
        }
        multiWordPlaces(tk, out);
        lowerCaseNames(tk, out);
        lowerCaseInitials(tk, out);
        invertedNames(tk, kind, out);
        namesBeforeCredentials(tk, out);
        transcriptionSignatures(tk, out);
        trailingInitials(tk.text, out);
        cityShortForms(tk, out);
    }

    /** Short forms of cities that no gazetteer lists as such ("i live in SLC", "moved from NYC"). */
    private static final Set<String> CITY_SHORT_FORMS = Set.of("NYC", "SF", "SLC", "KC", "OKC", "DFW", "ATL", "PHX", "NOLA",
            "Philly", "Vegas", "STL", "MSP", "PDX", "ABQ", "SFV", "Chi-town", "Frisco", "Bmore", "Nola", "SoCal",
            "NorCal", "Jax", "JAX", "Indy", "Cbus", "Nashvegas", "H-Town", "Htown", "Motown");

    private static void cityShortForms(EnglishTokens tk, List<Span> out) {
        for (int t = 1; t < tk.size; t++) {
            if (tk.length(t) <= 9 && CITY_SHORT_FORMS.contains(tk.word(t)) && (PLACE_CUES.contains(lower(tk, t - 1))
                    || lower(tk, t - 1).equals("to") && TRAVEL.contains(lower(tk, t - 2)))) {
                out.add(new Span(tk.start[t], tk.end[t], PhiType.ADDRESS));
            }
        }
    }

    /**
     * "this is emmaleigh w", "[NAME] K.": a single letter right after a name is its initial and goes with it ("a" and
     * "i" are words in lower-case chat, "I" a pronoun).
     */
    private static void trailingInitials(String text, List<Span> out) {
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

    private static final Set<String> CREDENTIALS = Set.of("md", "m.d", "do", "d.o", "rn", "np", "pa", "pa-c", "phd", "mbbs", "dds",
            "pharmd", "lcsw", "crna", "cnm", "aprn", "fnp", "dnp", "mph", "msw", "lpn", "psyd", "od", "dpm", "facp", "facc", "fnp-c");

    /** "FILBERT BRIGHT, M.D.", "Owen M Gallagher, MD": up to four capitalised words before a credential are a person. */
    private void namesBeforeCredentials(EnglishTokens tk, List<Span> out) {
        for (int t = 1; t < tk.size; t++) {
            if (!CREDENTIALS.contains(credential(tk, t)) || tk.text.charAt(tk.start[t] - 1) != ' ' || tk.charBefore(t) != ',') {
                continue;
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
    private static void transcriptionSignatures(EnglishTokens tk, List<Span> out) {
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
     * All-lower-case names ("follow up with patricia desrosiers"): a listed given name or surname that is no
     * ordinary word, alone or with the unknown word next to it; two unknown words stand only next to one.
     */
    private void lowerCaseNames(EnglishTokens tk, List<Span> out) {
        int t = 0;
        while (t < tk.size) {
            int pe = ptNameEnd(tk, t);
            if (pe >= t) {
                out.add(new Span(tk.start[t], tk.end[pe], PhiType.NAME)); // "pt grant b called", "pt long princess called"
                t = pe + 1;
                continue;
            }
            if (listedLower(tk, t) && lowerNameCue(tk, t, t)) {
                int e = t + 1 < tk.size && gapOk(tk, t) && (listedLower(tk, t + 1) || lowerUnknown(tk, t + 1)) ? t + 1 : t;
                out.add(new Span(tk.start[t], tk.end[e], PhiType.NAME)); // "message from peters", "spoke w/ mickey"
                t = e + 1;
                continue;
            }
            if (!lowerUnknown(tk, t)) {
                t++;
                continue;
            }
            int e = t;
            while (e + 1 < tk.size && gapOk(tk, e) && (lowerUnknown(tk, e + 1) || lowerInitial(tk, e + 1))) {
                e++;
            }
            boolean listed = false;
            for (int i = t; i <= e; i++) {
                listed |= lex.names.contains(tk.text, tk.start[i], tk.stemEnd(i));
            }
            boolean initial = false;
            for (int i = t; i <= e; i++) {
                initial |= tk.length(i) == 1;
            }
            boolean besideName = t > 0 && listedLower(tk, t - 1) && gapOk(tk, t - 1) || e + 1 < tk.size && listedLower(tk, e + 1) && gapOk(tk, e);
            if (listed || initial && e - t >= 2 || besideName || lowerNameCue(tk, t, e)) {
                int s = t > 0 && listedLower(tk, t - 1) && gapOk(tk, t - 1) ? t - 1 : t;
                int end = e + 1 < tk.size && listedLower(tk, e + 1) && gapOk(tk, e) ? e + 1 : e;
                out.add(new Span(tk.start[s], tk.end[end], PhiType.NAME));
            }
            t = e + 1;
        }
    }

    /** Lower-case listed names that are also everyday words in chat ("will", "may", "max dose") do not join a name. */
    private static final Set<String> CHAT_WORDS = Set.of("will", "may", "can", "mark", "max", "bill", "art", "ray", "pat", "sue",
            "don", "guy", "miles", "case", "page", "bob", "ed", "al", "les", "sol", "son", "june", "april", "august", "hope",
            "grace", "faith", "joy", "chase", "rich", "long", "young", "white", "black", "brown", "green", "gray", "grey", "early",
            "late", "rose", "dawn", "sky", "summer", "winter", "autumn", "the", "and", "pt", "dr");

    private boolean listedLower(EnglishTokens tk, int t) {
        return tk.isLower(t) && !tk.hasDigit(t) && tk.length(t) >= 3 && lex.names.contains(tk.text, tk.start[t], tk.stemEnd(t))
                && !CHAT_WORDS.contains(lower(tk, t)) && !lex.clinical.contains(tk.text, tk.start[t], tk.stemEnd(t));
    }

    /**
     * After "pt"/"patient", up to three lower-case words that are each a listed name (ordinary or not), an unknown
     * word or an initial, followed by a person verb ("called", "states"): the last of them, or -1.
     */
    private int ptNameEnd(EnglishTokens tk, int t) {
        String p1 = lower(tk, t - 1);
        if (!(p1.equals("pt") || p1.equals("patient")) || !tk.isLower(t)) {
            return -1;
        }
        int e = t;
        while (e < tk.size && e - t < 3 && tk.isLower(e) && !tk.hasDigit(e) && (tk.length(e) == 1 && e > t
                || tk.length(e) >= 3 && (lex.names.contains(tk.text, tk.start[e], tk.stemEnd(e)) || lowerUnknown(tk, e))
                && !lex.clinical.contains(tk.text, tk.start[e], tk.stemEnd(e)) && !PERSON_VERBS.contains(lower(tk, e)))) {
            if (e + 1 < tk.size && PERSON_VERBS.contains(lower(tk, e + 1)) && !lower(tk, e + 1).equals("and") && gapOk(tk, e)) {
                return e;
            }
            if (e + 1 >= tk.size || !gapOk(tk, e)) {
                return -1;
            }
            e++;
        }
        return -1;
    }

    private static final Set<String> SPOKE = Set.of("spoke", "spoken", "talked", "met", "discussed", "called", "phoned");
    private static final Set<String> FROM_CUES = Set.of("message", "msg", "call", "text", "email", "note", "voicemail", "vm");

    /** "this is rirujuz", "message from befywe", "pt myaindgial called": an unknown lower-case word where a name goes. */
    private static boolean lowerNameCue(EnglishTokens tk, int t, int e) {
        String p1 = lower(tk, t - 1);
        String p2 = lower(tk, t - 2);
        if (p1.equals("is") && p2.equals("this") || p1.equals("from") && FROM_CUES.contains(p2)
                || (p1.equals("w") || p1.equals("with")) && SPOKE.contains(p2)) {
            return true;
        }
        return (p1.equals("pt") || p1.equals("patient")) && e + 1 < tk.size && PERSON_VERBS.contains(lower(tk, e + 1))
                && !lower(tk, e + 1).equals("and");
    }

    /**
     * "Last, First" and "LAST, FIRST": when one side is already a name, or both are capital words with a listed
     * name among them and no clinical abbreviation ("CHF, COPD" stays), the pair is one name.
     */
    private void invertedNames(EnglishTokens tk, Kind[] kind, List<Span> out) {
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
            if (!leftName && !rightName && !capitalPair(tk, t)) {
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
    private boolean capitalPair(EnglishTokens tk, int t) {
        boolean listed = false;
        for (int i = t; i <= t + 1; i++) {
            if (clinicalAcronym(tk, i) || tk.length(i) < 3) {
                return false;
            }
            listed |= lex.names.contains(tk.text, tk.start[i], tk.end[i]);
        }
        return listed;
    }

    private boolean clinicalAcronym(EnglishTokens tk, int t) {
        return lex.clinical.contains(tk.text, tk.start[t], tk.end[t]) || lex.eponyms.contains(tk.text, tk.start[t], tk.end[t]);
    }

    /**
     * "pt griffin j called", "spoke w/ magnolia m", "g. fairy-serene": a lower-case listed name (ordinary word or not)
     * next to a single-letter initial is a name; letters that stand for words in chat ("u", "r", "b", "n", "x") count
     * only with a dot.
     */
    private void lowerCaseInitials(EnglishTokens tk, List<Span> out) {
        for (int t = 0; t < tk.size; t++) {
            if (tk.length(t) != 1 || !tk.isLower(t)) {
                continue;
            }
            char c = tk.first(t);
            boolean dot = tk.dotAfter(t);
            if (c == 'a' || c == 'i' || !dot && "urbnxywcsoe".indexOf(c) >= 0) {
                continue;
            }
            int s = t;
            int e = t;
            if (t > 0 && lowerNamePart(tk, t - 1) && gapOk(tk, t - 1)) {
                s = t - 1;
            }
            if (t + 1 < tk.size && lowerNamePart(tk, t + 1) && (dot ? tk.start[t + 1] - tk.end[t] == 2 : gapOk(tk, t))) {
                e = t + 1;
            }
            if (s == e) {
                continue;
            }
            out.add(new Span(tk.start[s], tk.end[e] + (dot && e == t ? 1 : 0), PhiType.NAME));
        }
    }

    private boolean lowerNamePart(EnglishTokens tk, int t) {
        if (!tk.isLower(t) || tk.hasDigit(t) || tk.length(t) < 3) {
            return false;
        }
        int a = tk.start[t];
        int b = tk.stemEnd(t);
        return (lex.names.contains(tk.text, a, b) || lowerUnknown(tk, t)) && !lex.clinical.contains(tk.text, a, b);
    }

    /** A lower-case word of 3+ letters that no list of ordinary, clinical or drug words has. */
    private boolean lowerUnknown(EnglishTokens tk, int t) {
        if (!tk.isLower(t) || tk.hasDigit(t) || tk.length(t) < 3) {
            return false;
        }
        int a = tk.start[t];
        int b = tk.stemEnd(t);
        return !lex.safe.contains(tk.text, a, b) && !lex.clinical.contains(tk.text, a, b) && !lex.eponyms.contains(tk.text, a, b)
                && !PARTICLES.contains(lower(tk, t)) && !MEDICAL_SHAPE.matcher(tk.text).region(a, b).matches() && !partsKnown(tk.text, a, b);
    }

    private static boolean lowerInitial(EnglishTokens tk, int t) {
        return tk.length(t) == 1 && tk.isLower(t) && t > 0 && (tk.dotAfter(t) || t + 1 < tk.size);
    }

    private static boolean nameish(Kind k) {
        return k == Kind.NAMEABLE || k == Kind.CANDIDATE || k == Kind.INITIAL || k == Kind.CLINICAL_NAME;
    }

    /** Tokens of one name: one or two spaces between them, or ". " after an initial ("J. Smith"). */
    private static boolean gapOk(EnglishTokens tk, int e) {
        int from = tk.end[e];
        int to = tk.start[e + 1];
        String s = tk.text;
        if (to - from == 1) {
            return s.charAt(from) == ' ' || s.charAt(from) == '\t';
        }
        if (to - from == 2) {
            return s.charAt(from) == '.' && s.charAt(from + 1) == ' ' && tk.isInitial(e)
                    || s.charAt(from) == ' ' && s.charAt(from + 1) == ' ';
        }
        return false;
    }

    Kind classify(EnglishTokens tk, int t) {
        if (tk.hasDigit(t) || !tk.isCapitalised(t)) {
            return Kind.OTHER;
        }
        if (tk.isInitial(t)) {
            return Kind.INITIAL;
        }
        if (camelCase(s0(tk), tk.start[t], tk.end[t]) || slashedAcronyms(tk, t)) {
            return Kind.OTHER; // NaCl, HbA, ACC/AHA, CT/MRI
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
        if (tk.isAllCaps(t) && (lex.clinical.contains(s, a, b)
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
        if (lex.eponyms.contains(s, a, b)) {
            return name ? Kind.NAMEABLE : Kind.OTHER;
        }
        boolean ordinary = lex.safe.contains(s, a, b);
        if (name || place) {
            return ordinary ? Kind.NAMEABLE : Kind.CANDIDATE;
        }
        if (ordinary) {
            return Kind.OTHER;
        }
        if (partsKnown(s, a, b) || MEDICAL_SHAPE.matcher(s).region(a, b).matches() || MEDICAL_PREFIX.matcher(s).region(a, b).matches()) {
            return Kind.OTHER;
        }
        if (pluralAcronym(s, a, b)) {
            return Kind.OTHER; // "ADLs", "PVCs"
        }
        if (clinicalCompound(s, a, tk.end[t]) && !(tk.isAllCaps(t) && hyphenatedName(s, a, tk.end[t]))) {
            return Kind.OTHER; // "Anti-Ro", "Keytruda-related", "BI-RADS", "DAPA-HF"
        }
        return Kind.CANDIDATE;
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

    /** "ACC/AHA", "CBC/Diff", "Cor/Cardiac": parts joined by slashes, each short or an ordinary word. */
    private boolean slashedAcronyms(EnglishTokens tk, int t) {
        String w = tk.word(t);
        if (w.indexOf('/') < 0) {
            return false;
        }
        for (String part : w.split("/")) {
            if (part.length() > 5 && !lex.safe.contains(part) && !lex.clinical.contains(part) || lex.names.contains(part) && part.length() > 4) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern COMPOUND = Pattern.compile("(?i:anti|non|pre|post)-.+|.+-(?i:related|induced|associated|"
            + "positive|negative|resistant|sensitive|dependent|refractory|naive|naïve|like|type|mediated|specific)|[A-Z0-9]+(?:-[A-Z0-9]+)+");

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
    private boolean partsKnown(String s, int a, int b) {
        if (dashIn(s, a, b) == b) {
            return false;
        }
        int from = a;
        boolean allNames = true;
        int checked = 0;
        while (from < b) {
            int to = dashIn(s, from, b);
            if (to > from + 1) {
                if (!(lex.safe.contains(s, from, to) || lex.clinical.contains(s, from, to) || lex.eponyms.contains(s, from, to))) {
                    return false;
                }
                allNames &= lex.names.contains(s, from, to);
                checked++;
            }
            from = to + 1;
        }
        return !(allNames && checked >= 2); // "Smith-Jones" is a name even though smith is a word
    }

    private void decide(EnglishTokens tk, Kind[] kind, int s, int e, List<Span> out) {
        int candidates = 0;
        int nameable = 0;
        int clinicalNames = 0;
        int initials = 0;
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
                default -> {
                }
            }
            if (kind[i] != Kind.INITIAL && lex.names.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                listedNames++;
            }
        }
        boolean titled = title(tk, s - 1);
        if (titled && candidates + nameable + clinicalNames == 0 && initials > 0) {
            out.add(new Span(tk.start[s], tk.end[e], PhiType.NAME)); // "Dr. K."
            return;
        }
        if (candidates + nameable + clinicalNames == 0 || !titled && clinicalAfter(tk, e)) {
            return;
        }
        String prev = s > 0 ? lower(tk, s - 1) : "";
        boolean flag;
        if (titled || candidates > 0) {
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
            } else {
                flag = PERSON_CUES.contains(prev) || !sentenceStart(tk, s) || personFollows(tk, e) || signatureLine(tk, s, e);
            }
        } else {
            flag = PERSON_CUES.contains(prev) && !prev.equals("and") && !prev.equals("with");
        }
        if (!flag) {
            return;
        }
        // A lone initial at either end belongs to the name; a clinical word at the start does not ("Black Maria" stays a run).
        boolean placeCue = PLACE_CUES.contains(prev) && !titled;
        PhiType type = placeCue && (placeRun(tk, s, e) || listedNames == 0) || listedNames == 0 && placeRun(tk, s, e)
                ? PhiType.ADDRESS : PhiType.NAME;
        out.add(new Span(tk.start[s], tk.end[e], type));
    }

    private boolean placeRun(EnglishTokens tk, int s, int e) {
        for (int i = s; i <= e; i++) {
            if (!lex.places.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                return false;
            }
        }
        return true;
    }

    /** "Crohn disease", "Kikuchi's disease", "Wilson sign", "Takotsubo cardiomyopathy", "Synvisc shot": clinical, kept. */
    private static boolean clinicalAfter(EnglishTokens tk, int e) {
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
    private boolean species(EnglishTokens tk, int t) {
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
    private boolean scoreFollows(EnglishTokens tk, int t) {
        return t + 1 < tk.size && tk.start[t + 1] - tk.end[t] == 1 && tk.length(t + 1) <= 3 && tk.digits(t + 1) == tk.length(t + 1)
                && lex.eponyms.contains(tk.text, tk.start[t], tk.stemEnd(t));
    }

    /** "Trulicity 1.5 mg", "Lantus 20 units", "Humira 40mg": a dose follows. */
    private static boolean doseFollows(EnglishTokens tk, int t) {
        return t + 1 < tk.size && tk.start[t + 1] - tk.end[t] == 1 && tk.hasDigit(t + 1)
                && DOSE.matcher(tk.text).region(tk.start[t + 1], tk.text.length()).lookingAt();
    }

    private static final Pattern DOSE = Pattern.compile("\\d+(?:\\.\\d+)?(?:/\\d+(?:\\.\\d+)?)?\\s?(?i:mg|mcg|µg|g|units?|u|iu|ml|mL|puffs?|tabs?|"
            + "caps?|%|mg/kg|mcg/kg|meq|mmol)\\b");

    private static boolean title(EnglishTokens tk, int t) {
        if (t >= 2 && tk.is(t, "and") && (tk.is(t - 2, "drs") || tk.is(t - 2, "doctors") || t >= 3 && tk.is(t - 3, "drs"))) {
            return tk.isCapitalised(t + 1); // "Drs. Mbeki and Laurent"
        }
        return t >= 0 && TITLES.contains(lower(tk, t)) && tk.end[t] + 2 >= tk.start[t + 1]
                && (!tk.isAllCaps(t) || CREDENTIAL_TITLES.contains(lower(tk, t)));
    }

    /** Start of a sentence, a line or a list item: a capital there says nothing. */
    static boolean sentenceStart(EnglishTokens tk, int t) {
        char c = tk.charBefore(t);
        if (c == '.') {
            return !(t > 0 && (tk.isInitial(t - 1) || title(tk, t - 1)));
        }
        return "!?\n\r:;•*\"“([-–—>#|".indexOf(c) >= 0 || t == 0;
    }

    /** "-- Divine", "— Jay K": a name alone after a dash at the start of a line (a signature). */
    private static boolean signatureLine(EnglishTokens tk, int s, int e) {
        int lineEnd = tk.text.indexOf('\n', tk.end[e]);
        String rest = tk.text.substring(tk.end[e], lineEnd < 0 ? tk.text.length() : lineEnd).strip();
        if (!rest.isEmpty() && !rest.equals(".") && !rest.startsWith(",")) {
            return false;
        }
        int i = tk.start[s] - 1;
        while (i >= 0 && tk.text.charAt(i) == ' ') {
            i--;
        }
        int dashes = 0;
        while (i >= 0 && "-–—~".indexOf(tk.text.charAt(i)) >= 0) {
            i--;
            dashes++;
        }
        while (i >= 0 && tk.text.charAt(i) == ' ') {
            i--;
        }
        return dashes > 0 && (i < 0 || tk.text.charAt(i) == '\n');
    }

    private static boolean personFollows(EnglishTokens tk, int e) {
        int end = tk.end[e];
        String s = tk.text;
        if (end + 2 < s.length() && s.charAt(end) == ',') {
            int i = end + 1;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i < s.length() && EnglishTokens.isDigit(s.charAt(i))) {
                return true;
            }
        }
        if (end + 2 < s.length() && s.charAt(end) == ':' && (s.charAt(end + 2) == '"' || s.charAt(end + 2) == '“')) {
            return true; // a speaker: Heather: "who are you?"
        }
        if (tk.stemEnd(e) < end && e + 1 < tk.size && KIN.contains(lower(tk, e + 1))) {
            return true; // "Bender's daughter called"
        }
        if (end + 1 < s.length() && (s.charAt(end + 1) == '(' || s.charAt(end) == '(')) {
            return true; // "Juniper (daughter) is POA"
        }
        return e + 1 < tk.size && tk.isLower(e + 1) && PERSON_VERBS.contains(lower(tk, e + 1)) && !lower(tk, e + 1).equals("and");
    }

    /** "dr smith", "my name is maria": a lower-case name after a title or "name is". */
    private void lowerCaseNameAfterCue(EnglishTokens tk, int t, List<Span> out) {
        if (!CUE_WORDS.contains(tk.text, tk.start[t], tk.end[t])) {
            return;
        }
        int next = -1;
        if (TITLES.contains(lower(tk, t)) && t + 1 < tk.size && tk.isLower(t + 1)) {
            next = t + 1;
        } else if (tk.is(t, "name") && tk.is(t + 1, "is") && t + 2 < tk.size && !tk.hasDigit(t + 2)
                || (tk.is(t, "calls") || tk.is(t, "call")) && tk.is(t + 1, "me") && t + 2 < tk.size) {
            next = t + 2;
        } else if ((tk.is(t, "named") || tk.is(t, "aka")) && t + 1 < tk.size) {
            next = t + 1;
        }
        if (next < 0 || tk.start[next] - tk.end[next - 1] > 2 || tk.hasDigit(next)) {
            return;
        }
        int a = tk.start[next];
        int b = tk.stemEnd(next);
        if (tk.isCapitalised(next) && !TITLES.contains(lower(tk, next))) {
            int e = next;
            while (e + 1 < tk.size && gapOk(tk, e) && tk.isCapitalised(e + 1) && !tk.hasDigit(e + 1)) {
                e++;
            }
            out.add(new Span(a, tk.end[e], PhiType.NAME));
        } else if (lex.names.contains(tk.text, a, b) || !lex.safe.contains(tk.text, a, b) && !lex.clinical.contains(tk.text, a, b)) {
            int e = next;
            if (e + 1 < tk.size && tk.isLower(e + 1) && gapOk(tk, e) && (lex.names.contains(tk.text, tk.start[e + 1], tk.stemEnd(e + 1))
                    || !lex.safe.contains(tk.text, tk.start[e + 1], tk.stemEnd(e + 1)))) {
                e++;
            }
            out.add(new Span(a, tk.end[e], PhiType.NAME));
        }
    }

    /** "Salt Lake City", "Long Beach": a multi-word town made of ordinary words. */
    private void multiWordPlaces(EnglishTokens tk, List<Span> out) {
        for (int t = 0; t + 1 < tk.size; t++) {
            if (!tk.isCapitalised(t) || !lex.placeFirstWords.contains(tk.text, tk.start[t], tk.end[t])) {
                continue;
            }
            for (int e = Math.min(tk.size - 1, t + 3); e > t; e--) {
                boolean capitalised = true;
                for (int i = t + 1; i <= e; i++) {
                    capitalised &= tk.isCapitalised(i) && tk.start[i] - tk.end[i - 1] == 1 && tk.text.charAt(tk.end[i - 1]) == ' ';
                }
                if (capitalised && lex.places.contains(tk.text, tk.start[t], tk.end[e])) {
                    out.add(new Span(tk.start[t], tk.end[e], PhiType.ADDRESS));
                    t = e;
                    break;
                }
            }
        }
    }

    static String lower(EnglishTokens tk, int t) {
        return t < 0 || t >= tk.size ? "" : tk.text.substring(tk.start[t], tk.end[t]).toLowerCase(java.util.Locale.ROOT);
    }
}
