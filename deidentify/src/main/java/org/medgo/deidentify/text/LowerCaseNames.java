package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.ContextCues.PARTICLES;
import static org.medgo.deidentify.text.ContextCues.PERSON_VERBS;
import static org.medgo.deidentify.text.ContextCues.TITLES;
import static org.medgo.deidentify.text.ContextCues.gapOk;
import static org.medgo.deidentify.text.EnglishRecallDetector.lower;
import static org.medgo.deidentify.text.TokenClassifier.MEDICAL_SHAPE;

import java.util.List;
import java.util.Set;
import org.medgo.deidentify.PhiType;

/**
 * Names typed without capitals, as in chat and quick notes: no capital marks them, so each needs a cue
 * ("dr", "name is", "pt ... called", "spoke w/") or a listed name or initial beside it.
 */
final class LowerCaseNames {
    /** Relatives named in lower case ("son bill called", "wife, rose, left", "husband milovan"). */
    private static final Set<String> KIN_WORDS = Set.of("wife", "husband", "daughter", "son", "mother", "father", "mom", "dad",
            "brother", "sister", "grandson", "granddaughter", "niece", "nephew", "aunt", "uncle", "boyfriend", "girlfriend",
            "fiance", "fiancee", "cousin", "dtr", "neighbor", "neighbour", "friend");
    private static final WordSet CUE_WORDS = new WordSet(java.util.stream.Stream.of(TITLES.stream(), KIN_WORDS.stream(),
            java.util.stream.Stream.of("name", "calls", "call", "named", "aka")).flatMap(x -> x).distinct().toList());

    /** Titles that make the next lower-case word a name even when it is an ordinary word ("dr. pica aware", "dr small"). */
    private static final Set<String> DOCTOR_TITLES = Set.of("dr", "drs", "doctor", "mr", "mrs");

    /**
     * Words that follow a title or a relative without being a name: function words, modal verbs, and what a note says of
     * a doctor or a relative ("dr aware", "son will call", "wife at bedside", "daughter in to visit").
     */
    private static final Set<String> NOT_A_NAME_AFTER_CUE = Set.of("aware", "here", "there", "now", "today", "tonight", "again",
            "in", "at", "to", "of", "for", "on", "and", "or", "the", "a", "an", "with", "by", "from", "who", "that", "this", "also",
            "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could", "may", "might",
            "should", "must", "did", "does", "do", "team", "office", "note", "notes", "order", "orders", "rounds", "re", "regarding",
            "about", "as", "if", "per", "w", "x", "s", "please", "wants", "says", "into", "out", "up", "still", "not", "very",
            "just", "already", "later", "tomorrow", "yesterday", "asked", "asks", "visiting", "present", "feels",
            "updated", "informed", "notified", "paged", "called", "saw", "came", "left", "spoke", "states", "stated",
            "both", "all", "who's", "lives", "living", "staying", "my", "his", "her", "their", "our", "your", "its",
            "some", "any", "concerned", "upset", "anxious", "involved", "supportive", "available", "unavailable", "visit", "visits",
            "call", "calls", "phone", "number", "hcp", "proxy", "poa", "followed", "following", "recommends", "recommended",
            "agrees", "agreed", "plans", "wishes", "wish", "requests", "requested", "declined", "refused", "consented", "signed");

    /** After a doctor's title an ordinary lower-case word is the surname ("dr. pica", "dr small") unless a note word. */
    private boolean ordinaryWordAsName(EnglishTokens tk, int t) {
        String w = lower(tk, t);
        return tk.length(t) >= 3 && !NOT_A_NAME_AFTER_CUE.contains(w) && !PERSON_VERBS.contains(w) && !w.endsWith("ed")
                && !w.endsWith("ing") && !lex.clinical.contains(tk.text, tk.start[t], tk.stemEnd(t))
                && !TokenClassifier.MEDICAL_SHAPE.matcher(w).matches(); // "MR angiography": magnetic resonance, not Mr.
    }

    private final EnglishLexicon lex;
    private final TokenClassifier words;

    LowerCaseNames(EnglishLexicon lexicon, TokenClassifier words) {
        this.lex = lexicon;
        this.words = words;
    }

    /** Words before "doctor" or "nurse" that make it the common noun ("your doctor may", "the nurse will"), no title. */
    private static final Set<String> DETERMINERS = Set.of("a", "an", "the", "your", "my", "his", "her", "their", "our", "this", "that",
            "each", "every", "any", "care", "family", "primary", "school", "eye", "other", "another");

    private static boolean commonNoun(EnglishTokens tk, int t) {
        return t > 0 && (tk.is(t, "doctor") || tk.is(t, "nurse")) && DETERMINERS.contains(lower(tk, t - 1));
    }

    /** "dr smith", "my name is maria": a lower-case name after a title or "name is". */
    void lowerCaseNameAfterCue(EnglishTokens tk, int t, List<Span> out) {
        if (!CUE_WORDS.contains(tk.text, tk.start[t], tk.end[t])) {
            return;
        }
        int next = -1;
        if ((TITLES.contains(lower(tk, t)) && !commonNoun(tk, t) || KIN_WORDS.contains(lower(tk, t))) && t + 1 < tk.size
                && tk.isLower(t + 1)) {
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
        } else if (lex.names.contains(tk.text, a, b) && !(KIN_WORDS.contains(lower(tk, t)) && NOT_A_NAME_AFTER_CUE.contains(lower(tk, next)))
                || !lex.safe.contains(tk.text, a, b) && !lex.clinical.contains(tk.text, a, b) && !NOT_A_NAME_AFTER_CUE.contains(lower(tk, next))
                || DOCTOR_TITLES.contains(lower(tk, t)) && ordinaryWordAsName(tk, next)) {
            int e = next;
            if (e + 1 < tk.size && tk.isLower(e + 1) && gapOk(tk, e) && (lex.names.contains(tk.text, tk.start[e + 1], tk.stemEnd(e + 1))
                    || !lex.safe.contains(tk.text, tk.start[e + 1], tk.stemEnd(e + 1)))) {
                e++;
            }
            out.add(new Span(a, tk.end[e], PhiType.NAME));
        }
    }

    /**
     * All-lower-case names ("follow up with patricia desrosiers"): a listed given name or surname that is no
     * ordinary word, alone or with the unknown word next to it; two unknown words stand only next to one.
     */
    void lowerCaseNames(EnglishTokens tk, List<Span> out) {
        int t = 0;
        while (t < tk.size) {
            int se = staffOrCallerEnd(tk, t);
            if (se >= t) {
                out.add(new Span(tk.start[t], tk.end[se], PhiType.NAME)); // "bill called", "florencia cooke np", "q. lander rrt"
                t = se + 1;
                continue;
            }
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
            boolean wordLike = e == t && tk.length(t) >= 5 && tk.text.indexOf('/', tk.start[t]) >= tk.end[t];
            boolean besideName = t > 0 && (listedRare(tk, t - 1) || wordLike && listedLower(tk, t - 1)) && gapOk(tk, t - 1)
                    || e + 1 < tk.size && (listedRare(tk, e + 1) || wordLike && listedLower(tk, e + 1)) && gapOk(tk, e);
            boolean cue = lowerNameCue(tk, t, e);
            if (!cue && shorthand(tk, t, e)) {
                t = e + 1;
                continue; // "mae", "rad aline", "abd sl dist": clinical shorthand is typed the same way
            }
            if (listed && e == t && tk.length(t) <= 3 && !besideName && !cue && !personVerbAfter(tk, e)) {
                t = e + 1;
                continue; // "mae" (moves all extremities): a three-letter lower-case name alone needs a cue
            }
            if (listed || initial && e - t >= 2 || besideName || cue) {
                int s = t > 0 && listedLower(tk, t - 1) && gapOk(tk, t - 1) ? t - 1 : t;
                int end = e + 1 < tk.size && listedLower(tk, e + 1) && gapOk(tk, e) ? e + 1 : e;
                out.add(new Span(tk.start[s], tk.end[end], PhiType.NAME));
            }
            t = e + 1;
        }
    }

    private static final Set<String> CALLS = Set.of("called", "phoned", "visited", "calls", "phones");
    /** Words after a person told of something ("md aware", "kim notified"): a name only when the word before is one. */
    private static final Set<String> TOLD = Set.of("aware", "notified", "paged", "informed", "updated");
    private static final Set<String> STAFF = Set.of("np", "rn", "rrt", "pa", "md", "lpn", "licsw", "lcsw", "msw", "resident", "intern");

    /**
     * "social: bill called" (a listed name, everyday word or not, before a calling verb); "florencia cooke np", "q. lander rrt"
     * (one or two name words, an initial allowed, before a credential): the last name token, or -1.
     */
    private int staffOrCallerEnd(EnglishTokens tk, int t) {
        if (!tk.isLower(t) || tk.hasDigit(t)) {
            return -1;
        }
        boolean listed = tk.length(t) >= 3 && lex.names.contains(tk.text, tk.start[t], tk.stemEnd(t))
                && !NOT_A_NAME_AFTER_CUE.contains(lower(tk, t)) && !PERSON_VERBS.contains(lower(tk, t));
        if (listed && t + 1 < tk.size && gapOk(tk, t) && CALLS.contains(lower(tk, t + 1))) {
            return t;
        }
        // "kim aware", "grace dudak aware": a name no everyday word, or a listed name and an unknown word, before "aware"
        if (listed && t + 1 < tk.size && gapOk(tk, t) && TOLD.contains(lower(tk, t + 1)) && !lex.safe.contains(tk.text, tk.start[t], tk.stemEnd(t))) {
            return t;
        }
        if (listed && t + 2 < tk.size && gapOk(tk, t) && gapOk(tk, t + 1) && (lowerUnknown(tk, t + 1) || listedRare(tk, t + 1))
                && TOLD.contains(lower(tk, t + 2))) {
            return t + 1;
        }
        int e = t;
        boolean named = false;
        while (e < tk.size && e - t < 3 && tk.isLower(e) && !tk.hasDigit(e)) {
            boolean part = tk.length(e) == 1 && tk.dotAfter(e)
                    || tk.length(e) >= 3 && (lex.names.contains(tk.text, tk.start[e], tk.stemEnd(e)) || lowerUnknown(tk, e))
                    && !NOT_A_NAME_AFTER_CUE.contains(lower(tk, e)) && !lex.clinical.contains(tk.text, tk.start[e], tk.stemEnd(e));
            if (!part) {
                return -1;
            }
            named |= tk.length(e) >= 3;
            if (named && e > t && e + 1 < tk.size && STAFF.contains(lower(tk, e + 1)) && tk.start[e + 1] - tk.end[e] == 1) {
                return e;
            }
            if (e + 1 >= tk.size || !(gapOk(tk, e) || tk.length(e) == 1 && tk.start[e + 1] - tk.end[e] == 2)) {
                return -1;
            }
            e++;
        }
        return -1;
    }

    /** Lower-case listed names that are also everyday words in chat ("will", "may", "max dose") do not join a name. */
    private static final Set<String> CHAT_WORDS = Set.of("will", "may", "can", "mark", "max", "bill", "art", "ray", "pat", "sue",
            "don", "guy", "miles", "case", "page", "bob", "ed", "al", "les", "sol", "son", "june", "april", "august", "hope",
            "grace", "faith", "joy", "chase", "rich", "long", "young", "white", "black", "brown", "green", "gray", "grey", "early",
            "late", "rose", "dawn", "sky", "summer", "winter", "autumn", "the", "and", "pt", "dr");

    private static boolean personVerbAfter(EnglishTokens tk, int e) {
        return e + 1 < tk.size && PERSON_VERBS.contains(lower(tk, e + 1)) && !lower(tk, e + 1).equals("and");
    }

    /**
     * A lower-case listed name that is no ordinary word: "small" or "good" beside shorthand ("small amts", "good u/o") is not
     * one; beside an unknown word of five letters or more it still is ("frank freud").
     */
    private boolean listedRare(EnglishTokens tk, int t) {
        return listedLower(tk, t) && !lex.safe.contains(tk.text, tk.start[t], tk.stemEnd(t));
    }

    /** Every word of [t, e] (and the name beside it) short, unlisted and the start of a known word: typed shorthand. */
    private boolean shorthand(EnglishTokens tk, int t, int e) {
        int s = t > 0 && listedRare(tk, t - 1) && gapOk(tk, t - 1) ? t - 1 : t;
        int end = e + 1 < tk.size && listedRare(tk, e + 1) && gapOk(tk, e) ? e + 1 : e;
        for (int i = s; i <= end; i++) {
            if (tk.length(i) > 6 || !lex.abbreviationStems.contains(tk.text, tk.start[i], tk.stemEnd(i))
                    || lex.names.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                return false;
            }
        }
        return true;
    }

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
     * "pt griffin j called", "spoke w/ magnolia m", "g. fairy-serene": a lower-case listed name (ordinary word or not)
     * next to a single-letter initial is a name; letters that stand for words in chat ("u", "r", "b", "n", "x") count
     * only with a dot.
     */
    void lowerCaseInitials(EnglishTokens tk, List<Span> out) {
        for (int t = 0; t < tk.size; t++) {
            if (tk.length(t) != 1 || !tk.isLower(t)) {
                continue;
            }
            char c = tk.first(t);
            boolean dot = tk.dotAfter(t);
            if ((c == 'a' || c == 'i') && !(dot && t + 1 < tk.size && tk.length(t + 1) >= 4 && lowerUnknown(tk, t + 1))
                    || !dot && "urbnxywcsoe".indexOf(c) >= 0) {
                continue; // "a"/"i" are words; "i. ryuxdeth" with a dot and a word no list has is an initial
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
                && !PARTICLES.contains(lower(tk, t)) && !MEDICAL_SHAPE.matcher(tk.text).region(a, b).matches() && !words.partsKnown(tk.text, a, b);
    }

    private static boolean lowerInitial(EnglishTokens tk, int t) {
        return tk.length(t) == 1 && tk.isLower(t) && t > 0 && (tk.dotAfter(t) || t + 1 < tk.size);
    }
}
