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

    boolean placeRun(EnglishTokens tk, int s, int e) {
        for (int i = s; i <= e; i++) {
            if (!lex.places.contains(tk.text, tk.start[i], tk.stemEnd(i))) {
                return false;
            }
        }
        return true;
    }
}
