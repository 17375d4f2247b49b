package org.medgo.deidentify.text;

import static org.medgo.deidentify.text.ContextCues.PLACE_CUES;
import static org.medgo.deidentify.text.ContextCues.TRAVEL;
import static org.medgo.deidentify.text.EnglishRecallDetector.lower;

import java.util.List;
import java.util.Set;
import org.medgo.deidentify.PhiType;

/**
 * Towns that the single-token walk cannot see: multi-word names made of ordinary words, and short forms
 * no gazetteer lists, each only after a place or travel cue.
 */
final class PlaceShapes {
    private final EnglishLexicon lex;

    PlaceShapes(EnglishLexicon lexicon) {
        this.lex = lexicon;
    }

    /** Short forms of cities that no gazetteer lists as such ("i live in SLC", "moved from NYC"). */
    private static final Set<String> CITY_SHORT_FORMS = Set.of("NYC", "SF", "SLC", "KC", "OKC", "DFW", "ATL", "PHX", "NOLA",
            "Philly", "Vegas", "STL", "MSP", "PDX", "ABQ", "SFV", "Chi-town", "Frisco", "Bmore", "Nola", "SoCal",
            "NorCal", "Jax", "JAX", "Indy", "Cbus", "Nashvegas", "H-Town", "Htown", "Motown");

    static void cityShortForms(EnglishTokens tk, List<Span> out) {
        for (int t = 1; t < tk.size; t++) {
            if (tk.length(t) <= 9 && CITY_SHORT_FORMS.contains(tk.word(t)) && (PLACE_CUES.contains(lower(tk, t - 1))
                    || lower(tk, t - 1).equals("to") && TRAVEL.contains(lower(tk, t - 2)))) {
                out.add(new Span(tk.start[t], tk.end[t], PhiType.ADDRESS));
            }
        }
    }

    /** "Salt Lake City", "Long Beach": a multi-word town made of ordinary words. */
    void multiWordPlaces(EnglishTokens tk, List<Span> out) {
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

    /** Verbs of living and moving: after them "in"/"to"/"near" leads to a place even when no gazetteer knows the word. */
    private static final Set<String> RESIDENCE = Set.of("lives", "live", "living", "lived", "resides", "reside", "residing",
            "resided", "moved", "moving", "relocated", "born", "raised", "grew");

    /** Verbs of going and staying: after them an unlisted word is a place, a listed everyday word ("returned to work") is not. */
    private static final Set<String> STAY = Set.of("stays", "staying", "stayed", "returned", "returning", "visiting");

    /** Prepositions that lead to a place in lower-case text ("from dearborn", "near boise"); "to" only after a travel word. */
    private static final WordSet LOWER_PLACE_CUES = new WordSet(List.of("in", "from", "near", "outside", "around"));

    /**
     * Towns typed in lower case ("lives in catonsville", "returned to new haven", "from dearborn"): the longest run of up
     * to three lower-case words after a place cue that the gazetteer lists, unless it is one everyday or clinical word
     * ("in bath", "from home"); after a verb of living or moving any listed town ("moved to flagstaff"); after such a verb,
     * a verb of staying or an origin ("we are from"; "pain is from" leads to a cause, an everyday or clinical word) an
     * unlisted word no list knows ("lives in brindlewick").
     */
    void lowerCasePlaces(EnglishTokens tk, List<Span> out) {
        for (int t = 1; t < tk.size; t++) {
            if (!tk.isLower(t) || tk.hasDigit(t) || !placeCue(tk, t - 1) || tk.start[t] - tk.end[t - 1] != 1) {
                continue;
            }
            int e = listedRun(tk, t);
            boolean residence = near(tk, t - 1, RESIDENCE);
            boolean stayOrOrigin = residence || near(tk, t - 1, STAY) || origin(tk, t - 1);
            if (e > t || e == t && tk.length(t) >= 3 && (residence || !everyday(tk, t) && !lex.names.contains(tk.text, tk.start[t], tk.end[t]))
                    || e < 0 && stayOrOrigin && tk.length(t) >= 4 && !everyday(tk, t)
                    && !lex.abbreviationStems.contains(tk.text, tk.start[t], tk.end[t])) { // "returned from cath": shorthand
                e = Math.max(e, t);
                out.add(new Span(tk.start[t], tk.end[e], PhiType.ADDRESS));
                t = e;
            }
        }
    }

    /** Words of being before "from" that make it an origin ("we are from", "she's from"), not a cause ("pain is from"). */
    private static final Set<String> ORIGIN_BEFORE = Set.of("comes", "come", "came", "she's", "he's", "i'm", "we're", "they're",
            "originally");
    private static final Set<String> BE = Set.of("are", "am", "is", "was", "were");
    /** Subjects of "is from" that are people ("she is from", "the family is from"; "pain is from" and "which are from" are not). */
    private static final Set<String> PEOPLE = Set.of("i", "we", "she", "he", "they", "family", "pt", "patient", "parents", "wife",
            "husband", "mother", "father", "son", "daughter");

    /** "we are from", "she's from", "came from": a person's origin. */
    private static boolean origin(EnglishTokens tk, int cue) {
        if (!lower(tk, cue).equals("from")) {
            return false;
        }
        String before = lower(tk, cue - 1);
        return ORIGIN_BEFORE.contains(before) || BE.contains(before) && PEOPLE.contains(lower(tk, cue - 2));
    }

    /** One of {@code verbs} up to two words before the cue at {@code cue} ("lives in", "lives alone in", "grew up in"). */
    private static boolean near(EnglishTokens tk, int cue, Set<String> verbs) {
        return verbs.contains(lower(tk, cue - 1)) && spaced(tk, cue - 1)
                || verbs.contains(lower(tk, cue - 2)) && spaced(tk, cue - 2) && spaced(tk, cue - 1);
    }

    /** Only spaces between token t and the next: the same clause ("moved to assisted living; came from home" is two). */
    private static boolean spaced(EnglishTokens tk, int t) {
        if (t < 0) {
            return false;
        }
        for (int i = tk.end[t]; i < tk.start[t + 1]; i++) {
            if (tk.text.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    private static boolean placeCue(EnglishTokens tk, int t) {
        // looked up in place: this runs for every lower-case word of the note
        return LOWER_PLACE_CUES.contains(tk.text, tk.start[t], tk.end[t]) || (tk.is(t, "to") || tk.is(t, "at")) && TRAVEL.contains(lower(tk, t - 1));
    }

    /** The last token of the longest gazetteer entry of one to three lower-case words from t, or -1. */
    private int listedRun(EnglishTokens tk, int t) {
        for (int e = Math.min(tk.size - 1, t + 2); e >= t; e--) {
            boolean run = true;
            for (int i = t + 1; i <= e && run; i++) {
                run = tk.isLower(i) && tk.start[i] - tk.end[i - 1] == 1 && tk.text.charAt(tk.end[i - 1]) == ' ';
            }
            if (run && lex.places.contains(tk.text, tk.start[t], tk.end[e])) {
                return e;
            }
        }
        return -1;
    }

    private boolean everyday(EnglishTokens tk, int t) {
        return lex.safe.contains(tk.text, tk.start[t], tk.end[t]) || lex.clinical.contains(tk.text, tk.start[t], tk.end[t]);
    }

    boolean placeRun(EnglishTokens tk, int s, int e) {
        for (int i = s; i <= e; i++) {
            if (!lex.places.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                return false;
            }
        }
        return true;
    }
}
