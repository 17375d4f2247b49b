package org.medgo.deidentify.text;

import java.util.List;
import java.util.Set;
import org.medgo.deidentify.PhiType;

/**
 * English care facilities without a list of them: a run of capitalised words holding a facility word
 * (Hospital, Clinic, Medical Center, Med Ctr, General, Memorial, Health, University...) and at least one
 * word that names it ("Lakeview General", "Riverside Med Ctr", "University of Colorado Hospital");
 * Saint/St./Mount/Mt. + a name ("St. Agnes'", "Mt. Hermon"); and whatever capitalised name or acronym
 * follows a care verb ("seen at UCSF", "admitted to Mercy", "transferred from Providence").
 * Departments and generic places ("the Emergency Department", "Cardiology Clinic") stay.
 */
final class FacilityDetector implements Detector {
    private static final Set<String> HEADS = Set.of("hospital", "hospitals", "hosp", "clinic", "clinics", "medical", "med", "center",
            "centre", "ctr", "cntr", "health", "healthcare", "general", "memorial", "university", "univ", "institute", "infirmary",
            "hospice", "regional", "sanatorium", "sanitarium", "rehabilitation", "rehab", "nursing", "pharmacy", "surgical",
            "specialty", "associates", "physicians", "practice", "labs", "laboratories", "laboratory", "system", "systems",
            "network", "foundation", "college", "school", "home", "homes", "manor", "village", "residence", "living", "care",
            "mc", "hc", "llc", "inc", "pc", "pllc", "group", "partners", "healthplex", "wellness", "urgent", "community", "county", "campus",
            "children's", "childrens", "women's", "veterans", "va", "kaiser", "permanente", "mayo", "clinica", "hosp.",
            // specialties name a practice only with a distinctive word before them ("Montandon Family Medicine")
            "medicine", "pediatrics", "cardiology", "dermatology", "orthopedics", "orthopaedics", "oncology", "neurology",
            "gastroenterology", "urology", "obgyn", "ob-gyn", "gynecology", "radiology", "imaging", "dialysis", "endoscopy",
            // "SILVER RIDGE EMERGENCY DEPT": a named emergency department ("the Emergency Department" names none)
            "emergency");
    /** Words that describe a department or a kind of place, not which one. */
    static final Set<String> GENERIC = Set.of("the", "a", "an", "our", "this", "that", "your", "his", "her", "their",
            "local", "outside", "another", "same", "nearby", "affiliated", "emergency", "department", "dept", "internal",
            "medicine", "family", "primary", "intensive", "cardiology", "oncology", "surgery", "pediatric", "pediatrics",
            "paediatric", "behavioral", "behavioural", "mental", "outpatient", "inpatient", "dialysis", "infusion", "wound",
            "sleep", "pain", "heart", "eye", "dental", "physical", "therapy", "radiology", "imaging", "diagnostic", "public",
            "cancer", "neurology", "orthopedic", "orthopaedic", "psychiatric", "psychiatry", "obstetric", "maternity", "cardiac",
            "vascular", "kidney", "renal", "transplant", "trauma", "stroke", "spine", "sports", "birth", "breast", "skin",
            "dermatology", "endocrine", "diabetes", "gi", "pulmonary", "lung", "respiratory", "vein", "hearing", "vision",
            "speech", "occupational", "student", "employee", "walk-in", "walk", "in", "day", "acute", "long-term",
            "term", "long", "skilled", "assisted", "senior", "retirement", "academic", "teaching", "tertiary", "specialist",
            "new", "main", "central", "north", "south", "east", "west", "er", "ed", "icu", "of", "for", "and", "&", "at", "on",
            // staff and services inside a place: "Wound Care RN", "Palliative Care team"
            "rn", "lpn", "cna", "np", "pa", "md", "do", "team", "nurse", "nursing", "staff", "consult", "service", "services", "palliative",
            "supportive", "hospice", "home", "social", "work", "case", "management", "manager", "coordinator", "navigator");
    /** Topics that go with "Health" without naming a place ("Bone Health", "Sexual Health"). */
    private static final Set<String> HEALTH_TOPICS = Set.of("bone", "brain", "sexual", "global", "men's", "women's", "child",
            "maternal", "reproductive", "lung", "liver", "gut", "digestive", "population", "digital", "school", "travel",
            "environmental", "rural", "urban", "integrative", "holistic", "preventive", "preventative", "oral", "foot", "joint",
            "vascular", "metabolic", "hormone", "gender", "adolescent", "youth", "infant", "newborn", "prenatal", "postpartum",
            "occupational", "student", "employee", "home", "community", "mental", "behavioral", "behavioural", "public", "allied",
            "veteran", "veterans", "tribal", "indian", "county", "state", "city", "national", "international", "world", "good");
    /** Words that make a run a facility on their own ("Mercy General", "Sunrise Hospital", "Riverside Med Ctr"). */
    private static final Set<String> STRONG_HEADS = Set.of("hospital", "hospitals", "hosp", "clinic", "infirmary", "hospice",
            "sanatorium", "sanitarium", "ctr", "cntr", "center", "centre", "healthcare", "mc");
    private static final Set<String> PREFIXES = Set.of("st", "saint", "mt", "mount", "ste", "sainte", "ft", "fort");
    /** Abbreviations whose dot does not end the name ("St. Agnes", "Riverside Med. Ctr."). */
    private static final Set<String> ABBREVIATED = Set.of("st", "ste", "mt", "ft", "med", "ctr", "cntr", "hosp", "univ", "gen",
            "reg", "mem", "inst", "dept", "assoc", "co", "inc", "ltd", "dr");
    private static final Set<String> CARE_VERBS = Set.of("seen", "admitted", "treated", "transferred", "followed", "evaluated",
            "hospitalized", "hospitalised", "discharged", "referred", "delivered", "born", "works", "worked", "employed", "visited",
            "attends", "attended", "presented", "went", "taken", "brought", "sent", "transported", "airlifted", "flown", "seeing",
            "sees", "saw", "scanned", "imaged", "operated", "biopsied", "diagnosed", "managed", "stayed", "rehabbed", "placed",
            "faxed", "records", "notes", "labs", "imaging", "obtained", "received", "requested", "called", "contacted", "arrived",
            "returned", "came", "coming", "living", "resides", "staying", "volunteers", "hospitalization", "admission", "stay",
            "visit", "appointment", "appt", "surgery", "delivery", "follows", "establish", "established",
            // shorthand and misspellings of real notes: "trans to GH", "transfered from", "med-flighted to", "tx to"
            "trans", "transfer", "transfered", "tranfered", "transferring", "tx", "tx'd", "adm", "admit", "flighted", "medflighted",
            "med-flighted", "medflight", "go", "goes", "back");
    private static final Set<String> CARE_PREPOSITIONS = Set.of("at", "to", "from", "in");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "&", "for", "at", "on", "de", "la", "del", "los", "san");

    /** The same words hashed, so the scan over every token allocates nothing. */
    private static final WordSet HEAD_WORDS = new WordSet(HEADS);
    private static final WordSet PREFIX_WORDS = new WordSet(PREFIXES);
    private static final WordSet CARE_VERB_WORDS = new WordSet(CARE_VERBS);

    private final EnglishLexicon lex;
    private final TokenClassifier classifier;

    FacilityDetector(EnglishLexicon lexicon) {
        this.lex = lexicon;
        this.classifier = new TokenClassifier(lexicon);
    }

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        EnglishTokens tk = new EnglishTokens(text);
        ShoutedLines shouted = new ShoutedLines(tk);
        for (int t = 0; t < tk.size; t++) {
            int a = tk.start[t];
            int b = tk.end[t];
            if (tk.isLower(t) && (LOWER_HEAD_WORDS.contains(tk.text, a, b) || tk.is(t, "university"))) {
                lowerCaseFacility(tk, t, out);
            }
            if (tk.isCapitalised(t) && (HEAD_WORDS.contains(tk.text, a, b) || PREFIX_WORDS.contains(tk.text, a, b) && nextCapitalised(tk, t))) {
                t = facilityRun(tk, t, shouted.at(t) && WEAK_HEADS.contains(EnglishRecallDetector.lower(tk, t)), out);
            } else if (CARE_VERB_WORDS.contains(tk.text, a, b) && t + 2 < tk.size && CARE_PREPOSITIONS.contains(EnglishRecallDetector.lower(tk, t + 1))) {
                afterCareVerb(tk, t + 2, shouted.at(t), out);
            } else if (unknownAcronym(tk, t) && parenthesisedAfterCare(tk, t)) {
                out.add(new Span(a, b, PhiType.ORGANIZATION)); // "Outside records (TCMC) reviewed", "imaging (QBU)"
            } else if (unknownAcronym(tk, t) && (t > 0 && ACRONYM_BEFORE.contains(EnglishRecallDetector.lower(tk, t - 1))
                    && tk.start[t] - tk.end[t - 1] == 1 || t + 1 < tk.size && ACRONYM_AFTER.contains(EnglishRecallDetector.lower(tk, t + 1))
                    && tk.start[t + 1] - tk.end[t] == 1)) {
                out.add(new Span(a, b, PhiType.ORGANIZATION)); // "seen at OHSU", "labs from UCMC", "KCMC ER"
            }
        }
    }

    /**
     * Heads that are everyday words on a line in capitals ("EARLY AM LABS SENT", "HOME CARE"): there a surname that is also a
     * word does not make the run a place; "SILVER RIDGE EMERGENCY DEPT" keeps its name.
     */
    private static final Set<String> WEAK_HEADS = Set.of("labs", "laboratory", "laboratories", "care", "home", "homes", "living",
            "system", "systems", "network", "group", "partners", "practice", "residence", "village", "manor", "school", "college",
            "community", "county", "health", "medicine", "imaging", "pharmacy", "nursing", "urgent", "foundation", "general");

    /** Words before an acronym that make it a place of care ("at", "from", "to"), and words after it ("ER", "campus"). */
    private static final Set<String> ACRONYM_BEFORE = Set.of("at", "from"); // "to" alone also leads to modes: "weaned to PSV"
    private static final Set<String> ACRONYM_AFTER = Set.of("er", "ed", "icu", "nicu", "picu", "campus", "hospital", "clinic",
            "hospitalist", "hospitalists", "ob", "pharmacy", "urgent");

    /** "(TCMC)" alone in parentheses right after a care word or a facility word: the place those records come from. */
    private static boolean parenthesisedAfterCare(EnglishTokens tk, int t) {
        int a = tk.start[t];
        int b = tk.end[t];
        if (t == 0 || a < 2 || b >= tk.text.length() || tk.text.charAt(a - 1) != '(' || tk.text.charAt(b) != ')'
                || tk.end[t - 1] + 2 != a) {
            return false;
        }
        return CARE_VERB_WORDS.contains(tk.text, tk.start[t - 1], tk.end[t - 1]) || HEAD_WORDS.contains(tk.text, tk.start[t - 1], tk.end[t - 1]);
    }

    /** An all-capital acronym of 3-6 letters that no clinical, ordinary-word or name list knows ("OHSU", "KCMC", "UCSF"). */
    private boolean unknownAcronym(EnglishTokens tk, int t) {
        int len = tk.length(t);
        if (len < 3 || len > 6 || !tk.isAllCaps(t) || tk.hasDigit(t)) {
            return false;
        }
        for (int i = tk.start[t]; i < tk.end[t]; i++) {
            char c = tk.text.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        int a = tk.start[t];
        int b = tk.end[t];
        return !lex.clinical.contains(tk.text, a, b) && !lex.eponyms.contains(tk.text, a, b) && !lex.safe.contains(tk.text, a, b);
    }

    private static boolean nextCapitalised(EnglishTokens tk, int t) {
        return t + 1 < tk.size && tk.isCapitalised(t + 1) && tk.start[t + 1] - tk.end[t] <= 2;
    }

    private static boolean member(EnglishTokens tk, int t) {
        if (tk.hasDigit(t)) {
            return false;
        }
        String w = EnglishRecallDetector.lower(tk, t);
        return tk.isCapitalised(t) || CONNECTORS.contains(w);
    }

    /** Joined: one space, or the dot of an abbreviation ("St. ", "Med. Ctr"), or an apostrophe ("Agnes' "). */
    private static boolean joined(EnglishTokens tk, int t) {
        if (t + 1 >= tk.size) {
            return false;
        }
        String gap = tk.text.substring(tk.end[t], tk.start[t + 1]);
        if (gap.equals(". ")) {
            return tk.length(t) == 1 || ABBREVIATED.contains(EnglishRecallDetector.lower(tk, t));
        }
        return gap.equals(" ") || gap.equals("' ") || gap.equals("’ ") || gap.equals(" & ");
    }

    /** Grows the run around facility word {@code t}; reports it when a word in it names the place. Returns the run's last token. */
    private int facilityRun(EnglishTokens tk, int t, boolean shouted, List<Span> out) {
        int s = t;
        while (s > 0 && joined(tk, s - 1) && member(tk, s - 1) && !ContextCues.sentenceStart(tk, s)) {
            s--;
        }
        int e = t;
        while (joined(tk, e) && member(tk, e + 1)) {
            e++;
        }
        while (e > t && CONNECTORS.contains(EnglishRecallDetector.lower(tk, e))) {
            e--;
        }
        while (s < t && (CONNECTORS.contains(EnglishRecallDetector.lower(tk, s)) || GENERIC.contains(EnglishRecallDetector.lower(tk, s))
                && !PREFIXES.contains(EnglishRecallDetector.lower(tk, s)))) {
            s++;
        }
        boolean strong = false;
        for (int i = s; i <= e; i++) {
            String w = EnglishRecallDetector.lower(tk, i);
            strong |= STRONG_HEADS.contains(w) || i == e && (w.equals("general") || w.equals("memorial"));
        }
        int distinctive = 0;
        boolean prefixed = false;
        for (int i = s; i <= e; i++) {
            String w = EnglishRecallDetector.lower(tk, i);
            if (PREFIXES.contains(w) && i < e) {
                prefixed = true;
            } else if (!HEADS.contains(w) && !GENERIC.contains(w) && !CONNECTORS.contains(w) && !HEALTH_TOPICS.contains(w)
                    && (strong || names(tk, i, shouted))) {
                distinctive++;
            }
        }
        // "University of Michigan": the state (a kept word elsewhere) names the university and its hospital
        for (int i = s; i + 2 <= e; i++) {
            if ((tk.is(i, "university") || tk.is(i, "univ")) && tk.is(i + 1, "of") && tk.isCapitalised(i + 2)
                    && !GENERIC.contains(EnglishRecallDetector.lower(tk, i + 2))) {
                distinctive++;
            }
        }
        // "Dignity Health", "Atrium Health": an everyday word naming a health system, not at the start of a sentence
        String head = EnglishRecallDetector.lower(tk, e);
        // "Sunrise Senior Living", "Brookdale Assisted Living", "Willow Manor": the same for homes where patients live; the
        // name is the word before the kinds of home ("MRI at Sunrise Senior Living": the run starts earlier)
        if (distinctive == 0 && RESIDENCE_HEADS.contains(head)) {
            int n = e - 1;
            while (n > s && RESIDENCE_KINDS.contains(EnglishRecallDetector.lower(tk, n))) {
                n--;
            }
            s = Math.max(s, n);
        }
        boolean named = e == s + 1 && (head.equals("health") || head.equals("healthcare"))
                || RESIDENCE_HEADS.contains(head) && e > s && kindsBetween(tk, s + 1, e);
        if (distinctive == 0 && named && tk.isCapitalised(s)
                && !ContextCues.sentenceStart(tk, s) && !GENERIC.contains(EnglishRecallDetector.lower(tk, s))
                && !HEADS.contains(EnglishRecallDetector.lower(tk, s)) && !RESIDENCE_KINDS.contains(EnglishRecallDetector.lower(tk, s))
                && !HEALTH_TOPICS.contains(EnglishRecallDetector.lower(tk, s)) && !lex.clinical.contains(tk.text, tk.start[s], tk.end[s])) {
            distinctive = 1;
        }
        if (distinctive > 0 || prefixed) {
            int end = tk.end[e];
            if (end < tk.text.length() && (tk.text.charAt(end) == '\'' || tk.text.charAt(end) == '’')) {
                end++;
            }
            out.add(new Span(tk.start[s], end, PhiType.ORGANIZATION));
        }
        return e;
    }

    /** Heads of places where patients live, named by an everyday word before them ("Sunrise Senior Living", "Oak Manor"). */
    private static final Set<String> RESIDENCE_HEADS = Set.of("living", "manor", "village", "residence", "homes");
    /** Kinds of such homes: between the name and the head, or alone before it ("Independent Living" names none). */
    private static final Set<String> RESIDENCE_KINDS = Set.of("senior", "assisted", "independent", "supportive", "group", "residential",
            "community", "retirement", "memory", "care", "nursing");

    /** Every token in [from, to) is a kind of home ("Senior" in "Sunrise Senior Living"). */
    private static boolean kindsBetween(EnglishTokens tk, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!RESIDENCE_KINDS.contains(EnglishRecallDetector.lower(tk, i))) {
                return false;
            }
        }
        return true;
    }

    /** Heads that end a place typed in lower case ("holy cross hospital", "sacred heart hosp", "mercer campus"). */
    private static final Set<String> LOWER_HEADS = Set.of("hospital", "hosp", "memorial", "campus", "rehab", "medical", "clinic",
            "house", "manor", "health");
    /** Heads that name a place in lower case wherever they stand, when a word before them is no everyday word. */
    private static final WordSet LOWER_HEAD_WORDS = new WordSet(List.of("hospital", "hosp", "campus", "clinic", "rehab", "infirmary"));

    /**
     * Places typed in lower case without a care verb: "university of maryland [hospital]" (a state names a university's
     * hospital); up to three words before a head that are surnames or towns ("foster rehab", "levy campus") or, before
     * "hospital" and "campus", words no everyday or clinical list knows ("at reisterstown hospital", "on mackerer campus");
     * "the county hospital", "a teaching hospital", "hand clinic" stay.
     */
    private void lowerCaseFacility(EnglishTokens tk, int t, List<Span> out) {
        if (tk.is(t, "university")) {
            int e = t + 2;
            if (e < tk.size && tk.is(t + 1, "of") && tk.isLower(e) && !tk.hasDigit(e) && !GENERIC.contains(EnglishRecallDetector.lower(tk, e))
                    && tk.start[e] - tk.end[t + 1] == 1) {
                if (e + 1 < tk.size && tk.isLower(e + 1) && HEAD_WORDS.contains(tk.text, tk.start[e + 1], tk.end[e + 1])
                        && tk.start[e + 1] - tk.end[e] == 1) {
                    e++;
                }
                out.add(new Span(tk.start[t], tk.end[e], PhiType.ORGANIZATION));
            }
            return;
        }
        // before "hospital" or "campus" a word no list knows names the place ("mackerer campus"); before "clinic" or "rehab" such a
        // word is as often a kind of care ("vestibular rehab", "anticoag clinic", "subacute rehab"): there it must not look clinical
        boolean strongHead = tk.is(t, "hospital") || tk.is(t, "hosp") || tk.is(t, "campus");
        int s = t;
        while (s - 1 >= 0 && t - s < 3 && tk.isLower(s - 1) && !tk.hasDigit(s - 1) && tk.start[s] - tk.end[s - 1] == 1
                && !GENERIC.contains(EnglishRecallDetector.lower(tk, s - 1)) && !HEALTH_TOPICS.contains(EnglishRecallDetector.lower(tk, s - 1))
                && !CARE_TOPICS.contains(EnglishRecallDetector.lower(tk, s - 1))
                && (names(tk, s - 1) && (strongHead ? !prefixedWord(tk, s - 1) : !looksClinical(tk, s - 1)) || listed(tk, s - 1))) {
            s--;
        }
        if (s < t) {
            out.add(new Span(tk.start[s], tk.end[t], PhiType.ORGANIZATION));
        }
    }

    /**
     * "transfer to quartermain 2", "sent to gh", "presented to holy cross hospital": in lower case, a word no list knows
     * after a care verb is the place; known words are one only when a facility head ends them within three words.
     */
    private void lowerCaseAfterCareVerb(EnglishTokens tk, int t, List<Span> out) {
        int e = t;
        while (e < tk.size && e - t < 3 && tk.isLower(e) && !tk.hasDigit(e) && !LOWER_HEADS.contains(EnglishRecallDetector.lower(tk, e))
                && (e == t || tk.start[e] - tk.end[e - 1] == 1)) {
            e++;
        }
        boolean head = e < tk.size && e > t && tk.isLower(e) && LOWER_HEADS.contains(EnglishRecallDetector.lower(tk, e))
                && tk.start[e] - tk.end[e - 1] == 1;
        String first = EnglishRecallDetector.lower(tk, t);
        if (head && !GENERIC.contains(first) && !HEALTH_TOPICS.contains(first) && !lex.clinical.contains(tk.text, tk.start[t], tk.end[t])) {
            out.add(new Span(tk.start[t], tk.end[e], PhiType.ORGANIZATION));
            return;
        }
        int a = tk.start[t];
        int b = tk.stemEnd(t);
        if (tk.length(t) >= 2 && !lex.safe.contains(tk.text, a, b) && !lex.clinical.contains(tk.text, a, b) && !lex.eponyms.contains(tk.text, a, b)
                && !(tk.length(t) <= 6 && lex.abbreviationStems.contains(tk.text, a, b)) // "sent to cath", "back to rehab"
                && !GENERIC.contains(first) && !TokenClassifier.MEDICAL_SHAPE.matcher(tk.text).region(a, b).matches()) {
            out.add(new Span(a, tk.end[t], PhiType.ORGANIZATION));
        }
    }

    /** Endings of clinical adjectives no list has ("vestibular", "pelvic", "bariatric", "pulmonic", "respiratory"). */
    private static final java.util.regex.Pattern CLINICAL_ADJECTIVE = java.util.regex.Pattern.compile(
            "(?i).{3,}(?:ar|al|ic|ary|ory|ive|ous|oid|ical|ics)");
    /** Prefixes before a known word ("subacute", "postop", "nonsurgical"). */
    private static final java.util.regex.Pattern CARE_PREFIX = java.util.regex.Pattern.compile("(?i)(?:sub|non|pre|post|semi|multi|inter|"
            + "trans|intra|peri|re|de|un|co)-?");

    /** A known word after a prefix ("subacute", "non-ICU", "semi-evacuation"): a kind of place, not its name. */
    private boolean prefixedWord(EnglishTokens tk, int i) {
        int a = tk.start[i];
        int b = tk.end[i];
        String s = tk.text;
        java.util.regex.Matcher p = CARE_PREFIX.matcher(s).region(a, b);
        return p.lookingAt() && p.end() < b && (lex.safe.contains(s, p.end(), b) || lex.clinical.contains(s, p.end(), b))
                || classifier.partsKnown(s, a, b);
    }

    /** A word no list has that reads as a clinical one: a known word after a prefix, a clinical ending or shape, shorthand. */
    private boolean looksClinical(EnglishTokens tk, int i) {
        int a = tk.start[i];
        int b = tk.end[i];
        String s = tk.text;
        return prefixedWord(tk, i) || CLINICAL_ADJECTIVE.matcher(s).region(a, b).matches()
                || TokenClassifier.MEDICAL_SHAPE.matcher(s).region(a, b).matches() || TokenClassifier.MEDICAL_PREFIX.matcher(s).region(a, b).matches()
                || b - a <= 8 && lex.abbreviationStems.contains(s, a, b);
    }

    /** Kinds of clinic and rehab spelled like surnames or towns ("hand clinic", "memory clinic", "knee rehab"). */
    private static final Set<String> CARE_TOPICS = Set.of("hand", "wrist", "knee", "hip", "shoulder", "ankle", "elbow", "neck",
            "back", "memory", "fertility", "fracture", "voice", "allergy", "weight", "lipid", "headache", "movement", "balance", "cough",
            "fall", "falls", "gait", "swallow", "speech", "wound", "vein", "pelvic", "floor", "cardiac", "pulmonary", "stroke", "cancer");

    /** A surname or a town that is no clinical word ("levy", "rice", "york harbor"). */
    private boolean listed(EnglishTokens tk, int i) {
        int a = tk.start[i];
        int b = tk.end[i];
        return b - a >= 3 && (lex.names.contains(tk.text, a, b) || lex.places.contains(tk.text, a, b)) && !lex.clinical.contains(tk.text, a, b)
                && !HEAD_WORDS.contains(tk.text, a, b);
    }

    /** A lower-case word of three letters or more that no everyday, clinical or shorthand list knows ("reisterstown"). */
    private boolean names(EnglishTokens tk, int i) {
        int a = tk.start[i];
        int b = tk.end[i];
        if (b - a < 3 || NameShapes.indexIn(tk.text, '/', a, b) >= 0) {
            return false; // "r/t hosp": shorthand
        }
        return !lex.safe.contains(tk.text, a, b) && !lex.clinical.contains(tk.text, a, b) && !HEAD_WORDS.contains(tk.text, a, b)
                && !(b - a <= 6 && lex.abbreviationStems.contains(tk.text, a, b));
    }

    /** Without a strong facility word, a word names the place only if it is no ordinary word, or a name or a town. */
    private boolean names(EnglishTokens tk, int i, boolean shouted) {
        int a = tk.start[i];
        int b = tk.stemEnd(i);
        if (lex.clinical.contains(tk.text, a, b)) {
            return false;
        }
        // on a line in capitals an ordinary word is just a word ("EARLY AM LABS SENT"), even when it is also a surname
        return !lex.safe.contains(tk.text, a, b) || !shouted && (lex.names.contains(tk.text, a, b) || lex.places.contains(tk.text, a, b));
    }

    /** "seen at UCSF", "admitted to Mercy General": the capitalised run after a care verb names a place. */
    private void afterCareVerb(EnglishTokens tk, int t, boolean shouted, List<Span> out) {
        if (t < tk.size && tk.isLower(t) && !tk.hasDigit(t)) {
            lowerCaseAfterCareVerb(tk, t, out);
            return;
        }
        if (t >= tk.size || !tk.isCapitalised(t) || tk.hasDigit(t)) {
            return;
        }
        String w = EnglishRecallDetector.lower(tk, t);
        if (GENERIC.contains(w) || PREFIXES.contains(w) || HEADS.contains(w) || lex.clinical.contains(w) && !tk.isAllCaps(t) || tk.isAllCaps(t) && lex.clinical.contains(w)) {
            return;
        }
        int e = t;
        while (joined(tk, e) && e + 1 < tk.size && tk.isCapitalised(e + 1) && !tk.hasDigit(e + 1)) {
            e++;
        }
        boolean topic = true;
        for (int i = t; i <= e; i++) {
            String x = EnglishRecallDetector.lower(tk, i);
            topic &= GENERIC.contains(x) || HEALTH_TOPICS.contains(x) || HEADS.contains(x);
        }
        if (topic) {
            return; // "referred to Bone Health", "seen in Women's Health"
        }
        boolean known = true;
        for (int i = t; i <= e; i++) {
            // on a line in capitals "BACK TO BED", "TO FLOOR" are words, not acronyms
            known &= lex.safe.contains(tk.text, tk.start[i], tk.end[i]) && (shouted || !lex.names.contains(tk.text, tk.start[i], tk.end[i])
                    && !lex.places.contains(tk.text, tk.start[i], tk.end[i]) && !tk.isAllCaps(i))
                    || shouted && lex.abbreviationStems.contains(tk.text, tk.start[i], tk.end[i]) && tk.length(i) <= 6;
        }
        // "admitted to Medicine", "seen in Clinic": ordinary words are a service, not a place; a name or an acronym is one.
        if (lex.places.contains(tk.text, tk.start[t], tk.end[e])) {
            out.add(new Span(tk.start[t], tk.end[e], PhiType.ADDRESS));
        } else if (!known || e > t && !GENERIC.contains(EnglishRecallDetector.lower(tk, e)) && HEADS.contains(EnglishRecallDetector.lower(tk, e))) {
            out.add(new Span(tk.start[t], tk.end[e], PhiType.ORGANIZATION));
        }
    }
}
