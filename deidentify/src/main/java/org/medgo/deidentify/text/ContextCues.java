package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.EnglishRecallDetector.lower;

import java.util.Set;

/**
 * The words and layout around a capitalised run that tip it towards a person or a place: a title, a kinship
 * or greeting word before it, a person verb or a speaker colon after it, a signature dash.
 */
final class ContextCues {
    private ContextCues() {
    }

    static final Set<String> TITLES = Set.of("dr", "drs", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "doctor",
            "nurse", "sister", "rev", "fr", "capt", "sgt", "messrs", "dame", "sir", "judge", "np", "rn", "lpn", "aprn", "fnp", "pa");

    static final Set<String> PARTICLES = Set.of("van", "von", "de", "da", "del", "della", "di", "du", "le", "la",
            "dos", "das", "bin", "ibn", "al", "el", "ter", "ten", "vander", "st");

    static final Set<String> PERSON_CUES = Set.of("named", "name", "contact", "person", "by", "per", "with", "wife", "husband", "daughter",
            "son", "mother", "father", "sister", "brother", "friend", "neighbor", "neighbour", "partner", "spouse", "caregiver",
            "mom", "dad", "grandmother", "grandfather", "grandson", "granddaughter", "aunt", "uncle", "niece", "nephew",
            "boyfriend", "girlfriend", "fiance", "fiancee", "cousin", "colleague", "coworker", "roommate", "and", "pt", "patient",
            // greetings and sign-offs: "Hi Jay,", "Thanks, Divine"
            "hi", "hello", "hey", "dear", "thanks", "thank", "regards", "sincerely", "cheers", "best", "love", "xoxo");

    static final Set<String> PERSON_VERBS = Set.of(
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

    /** Credentials written before a name, usually in capitals ("NP Ed", "RN Okafor", "PA Lindqvist"). */
    private static final Set<String> CREDENTIAL_TITLES = Set.of("np", "rn", "lpn", "aprn", "fnp", "pa");

    private static final Set<String> KIN = Set.of("wife", "husband", "daughter", "son", "mother", "father", "mom", "dad", "sister",
            "brother", "partner", "spouse", "caregiver", "grandmother", "grandfather", "aunt", "uncle", "niece", "nephew", "children",
            "kids", "family", "parents", "granddaughter", "grandson", "boyfriend", "girlfriend", "fiance", "fiancee", "guardian", "dtr");

    /** Words before "to" that make the next capital a destination, not a service. */
    static final Set<String> TRAVEL = Set.of("trip", "travel", "traveled", "travelled", "traveling", "travelling", "drove",
            "driving", "flew", "flying", "moved", "moving", "relocated", "relocating", "vacation", "vacationed", "went", "going",
            "returned", "visit", "visited", "visiting", "cruise", "move", "commutes", "commute", "road");
    static final Set<String> PLACE_CUES = Set.of("in", "from", "near", "outside", "around", "of");

    /** Tokens of one name: one or two spaces between them, or ". " after an initial ("J. Smith"). */
    static boolean gapOk(EnglishTokens tk, int e) {
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

    static boolean title(EnglishTokens tk, int t) {
        if (t >= 2 && tk.is(t, "and") && (tk.is(t - 2, "drs") || tk.is(t - 2, "doctors") || t >= 3 && tk.is(t - 3, "drs"))) {
            return tk.isCapitalised(t + 1); // "Drs. Mbeki and Laurent"
        }
        String w = afterSlash(lower(tk, t));
        return t >= 0 && TITLES.contains(w) && tk.end[t] + 2 >= tk.start[t + 1]
                && (!tk.isAllCaps(t) || CREDENTIAL_TITLES.contains(w)
                || SHOUTED_TITLES.contains(w) && t + 1 < tk.size && (tk.isAllCaps(t + 1) || tk.isCapitalised(t + 1) && tk.dotAfter(t))
                && (!w.equals("mr") || tk.dotAfter(t) || t == 0 || tk.charBefore(t) == '\n')); // "DR. Healey" in a line of capitals
    }

    /** "w/dr" -> "dr": shorthand glued to a title by a slash ("W/DR. VASQUEZ", "d/w Dr. Quill" is spaced already). */
    private static String afterSlash(String w) {
        int slash = w.lastIndexOf('/');
        return slash > 0 && slash < w.length() - 1 && slash <= 2 ? w.substring(slash + 1) : w;
    }

    /**
     * Titles that stay titles in capitals before a capital word ("DR TYRO IN", "MRS LEY HERE"): notes typed in capitals
     * write every doctor that way. "MR" (mitral regurgitation) only with its dot or at the start of a line ("MR. BENSKY",
     * "MR LOMISH HAD A GOOD DAY"); "MS" (multiple sclerosis) is left out.
     */
    static final Set<String> SHOUTED_TITLES = Set.of("dr", "drs", "mrs", "mr");

    static boolean kin(String lowerWord) {
        return KIN.contains(lowerWord);
    }

    /** A word that names the person after it whatever its case: a doctor's or nurse's title, a relative ("DR KINN", "NP JEN", "BROTHER VINNY"). */
    static boolean strongPersonCue(EnglishTokens tk, int t) {
        if (t < 0 || t + 1 >= tk.size || tk.start[t + 1] - tk.end[t] > 2) {
            return false;
        }
        String w = lower(tk, t);
        int dash = w.lastIndexOf('-');
        if (dash > 0 && dash < w.length() - 1) {
            w = w.substring(dash + 1); // "COPING-SISTER ,JANET": a heading glued to the relative
        }
        return (SHOUTED_TITLES.contains(afterSlash(w)) || w.equals("np") || w.equals("rn")) && title(tk, t) || KIN.contains(w) && !w.equals("family") && !w.equals("children")
                && !w.equals("kids") && !w.equals("parents") && sameClause(tk, t); // "his wife.\nSSN:" is no name
    }

    /** Only spaces, a comma or a dash between token t and the next: the same clause. */
    private static boolean sameClause(EnglishTokens tk, int t) {
        for (int i = tk.end[t]; i < tk.start[t + 1]; i++) {
            if (" ,-".indexOf(tk.text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Start of a sentence, a line or a list item: a capital there says nothing. */
    static boolean sentenceStart(EnglishTokens tk, int t) {
        char c = tk.charBefore(t);
        if (c == '.') {
            return !(t > 0 && (tk.isInitial(t - 1) || title(tk, t - 1)));
        }
        return "!?\n\r:;•*\"“([-–—>#|".indexOf(c) >= 0 || t == 0;
    }

    /** "... NOT 1400U/HR. SUSAN": a name alone after the last sentence of the note, signing it. */
    static boolean signsTheNote(EnglishTokens tk, int s, int e) {
        return e == tk.size - 1 && tk.text.substring(tk.end[e]).isBlank() && ".!\n".indexOf(tk.charBefore(s)) >= 0;
    }

    /** "-- Divine", "— Jay K": a name alone after a dash at the start of a line (a signature). */
    static boolean signatureLine(EnglishTokens tk, int s, int e) {
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

    /** ", 68 yo", " is a 54-year-old", " (72 y/o)": an age after a word makes it a person, even a place or a word. */
    private static final java.util.regex.Pattern AGE_AFTER = java.util.regex.Pattern.compile(
            "\\s*(?:[,(]\\s*|\\s+(?:is|was)\\s+(?:an?\\s+)?)\\d{1,3}\\s*-?\\s*(?i:yo|y/o|y\\.o\\.|yrs?|years?|-year|year-old)\\b");

    static boolean ageFollows(EnglishTokens tk, int e) {
        return AGE_AFTER.matcher(tk.text).region(tk.end[e], tk.text.length()).lookingAt();
    }

    static boolean personFollows(EnglishTokens tk, int e) {
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
}
