package org.medgo.deidentify.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The word lists behind the recall-first English detector (built by {@code deidentify/tools/build-wordlists.py};
 * sources and licences in {@code deidentify/NOTICE}):
 * <ul>
 * <li>safe words: lower-case English words (wamerican/wbritish, and the words only their huge/insane sizes have),
 * medical words, drug ingredients and trade names (FDA Orange Book), countries, US states and their peoples — a
 * capitalised token whose lower-case form is here is an ordinary word;</li>
 * <li>person names (SSA given names, Census surnames): a listed word that is also an ordinary word ("Rose",
 * "Will", "Brown") is a name when context says so;</li>
 * <li>places (US cities, CC0 gazetteer); regions of more than one word ("North Carolina", "West Africa"), which Safe
 * Harbor keeps; clinical words and abbreviations kept as they are (curated here).</li>
 * </ul>
 */
final class EnglishLexicon {
    private static final EnglishLexicon STANDARD = new EnglishLexicon();

    /**
     * Ordinary words of the common lists ({@code contains}); {@link WordSet#marked} holds those only the huge/insane lists
     * have ("rotator", "syncope", but also the surname "maslin"), which only the token classifier consults: everywhere
     * else such a word still reads as unknown, as it did before they were listed.
     */
    final WordSet safe;
    final WordSet names;
    final WordSet places;
    /** Countries, US states and compass parts of them, of two words or more ("New Zealand", "South West"). */
    final WordSet regions;
    /** Multi-word cities ("San Francisco"), matched token by token from their first word. */
    final WordSet placeFirstWords;
    final WordSet clinical;
    final WordSet eponyms;
    /** Latin and Greek prefixes that make new clinical words from known ones ("pre", "neo", "trans", "chemo"). */
    private final WordSet prefixes;
    /**
     * The first 3-6 letters of every ordinary or clinical word at least two letters longer ("vanco", "creat", "bilat",
     * "afeb", "spont"): how clinical shorthand is written. A capitalised word no list has that is such a stem is more
     * likely an abbreviation than a name, so alone it needs a person cue.
     */
    final WordSet abbreviationStems;

    private EnglishLexicon() {
        List<String> safeWords = lines("en-safe-words.txt.gz");
        List<String> clinicalWords = lines("en-clinical-safe.txt");
        safe = new WordSet(safeWords, lines("en-safe-words-rare.txt.gz"));
        names = new WordSet(lines("en-person-names.txt"));
        List<String> cities = lines("en-places.txt");
        places = new WordSet(cities);
        List<String> first = new ArrayList<>();
        for (String c : cities) {
            int sp = c.indexOf(' ');
            if (sp > 0) {
                first.add(c.substring(0, sp));
            }
        }
        placeFirstWords = new WordSet(first);
        regions = new WordSet(lines("en-regions.txt"));
        clinical = new WordSet(clinicalWords);
        eponyms = new WordSet(lines("en-eponyms.txt"));
        prefixes = new WordSet(lines("en-prefixes.txt"));
        // The common lists only: a stem of a word only the huge lists know would make short unknown names look like shorthand.
        abbreviationStems = new WordSet(stems(safeWords, clinicalWords));
    }

    private static java.util.Set<String> stems(List<String> safeWords, List<String> clinicalWords) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (List<String> words : List.of(safeWords, clinicalWords)) {
            for (String w : words) {
                for (int k = 3; k <= 6 && k + 2 <= w.length(); k++) {
                    out.add(w.substring(0, k));
                }
            }
        }
        return out;
    }

    /**
     * A word no list has that is a known word behind one or two clinical prefixes or combining forms: "Preoperative",
     * "Neoadjuvant", "Noncontrast", "Transsphenoidal", "Esophagogastric" (esophag-us + o + gastric). Medical English makes
     * these freely, and no list can hold them all; names are not built so ("Delong", "Cofield": no such prefix).
     */
    boolean derived(CharSequence s, int a, int b) {
        return derived(s, a, b, 2);
    }

    private boolean derived(CharSequence s, int a, int b, int depth) {
        if (depth == 0 || b - a < 7) {
            return false;
        }
        for (int i = a + 2; i <= b - 4; i++) {
            if ((i - a <= 7 && prefixes.contains(s, a, i) || combiningForm(s, a, i) || b - i >= 8 && englishPrefix(s, a, i))
                    && (known(s, i, b) || derived(s, i, b, depth - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Plain English prefixes: only before a long word ("Over|expression", "Re|operation"; "Over|street" is a surname). */
    private static final List<String> ENGLISH_PREFIXES = List.of("over", "under", "out", "co", "re", "de", "un", "mis");

    private static boolean englishPrefix(CharSequence s, int a, int i) {
        for (String p : ENGLISH_PREFIXES) {
            if (p.length() == i - a && s.toString().regionMatches(true, a, p, 0, p.length())) {
                return true;
            }
        }
        return false;
    }

    private boolean known(CharSequence s, int a, int b) {
        return (safe.contains(s, a, b) || safe.marked(s, a, b) || clinical.contains(s, a, b)) && !names.contains(s, a, b);
    }

    /** Word endings that turn a combining form's stem back into a listed word (esophag-us, tempor-al, gastr-ic, myel-itis). */
    private static final List<String> STEM_ENDINGS = List.of("", "a", "e", "y", "al", "ic", "ia", "us", "um", "ac", "ous", "eal",
            "ical", "ology", "in", "itis", "oid", "ine");

    /** {@code s[a, i)} ends in 'o' and its stem (4+ letters) is a listed word with a common ending: "esophago", "temporo". */
    private boolean combiningForm(CharSequence s, int a, int i) {
        if (i - a < 5 || Character.toLowerCase(s.charAt(i - 1)) != 'o') {
            return false;
        }
        StringBuilder w = new StringBuilder(i - a + 5).append(s, a, i - 1);
        int stem = w.length();
        for (String ending : STEM_ENDINGS) {
            w.setLength(stem);
            w.append(ending);
            if (safe.contains(w) || clinical.contains(w)) {
                return true;
            }
        }
        return false;
    }

    static EnglishLexicon standard() {
        return STANDARD;
    }

    /** Bytes held by all lists (reported in BENCHMARKS.md). */
    long bytes() {
        return safe.bytes() + names.bytes() + places.bytes() + placeFirstWords.bytes() + regions.bytes() + clinical.bytes()
                + eponyms.bytes() + abbreviationStems.bytes();
    }

    private static List<String> lines(String name) {
        try (InputStream raw = EnglishLexicon.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("missing word list " + name);
            }
            InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (String line : all.split("\n")) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    if (name.startsWith("en-eponyms") || name.startsWith("en-prefixes")) { // several words a line
                        for (String e : w.split("\\s+")) {
                            out.add(e);
                        }
                    } else {
                        out.add(w);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
