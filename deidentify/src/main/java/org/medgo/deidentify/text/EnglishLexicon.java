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
 * <li>safe words: lower-case English words (wamerican/wbritish), medical words, drug ingredients and trade
 * names (FDA Orange Book) — a capitalised token whose lower-case form is here is an ordinary word;</li>
 * <li>person names (SSA given names, Census surnames): a listed word that is also an ordinary word ("Rose",
 * "Will", "Brown") is a name when context says so;</li>
 * <li>places (US cities, CC0 gazetteer); clinical words and abbreviations kept as they are (curated here).</li>
 * </ul>
 */
final class EnglishLexicon {
    private static final EnglishLexicon STANDARD = new EnglishLexicon();

    final WordSet safe;
    final WordSet names;
    final WordSet places;
    /** Multi-word cities ("San Francisco"), matched token by token from their first word. */
    final WordSet placeFirstWords;
    final WordSet clinical;
    final WordSet eponyms;
    /**
     * The first 3-6 letters of every ordinary or clinical word at least two letters longer ("vanco", "creat", "bilat",
     * "afeb", "spont"): how clinical shorthand is written. A capitalised word no list has that is such a stem is more
     * likely an abbreviation than a name, so alone it needs a person cue.
     */
    final WordSet abbreviationStems;

    private EnglishLexicon() {
        List<String> safeWords = lines("en-safe-words.txt.gz");
        List<String> clinicalWords = lines("en-clinical-safe.txt");
        safe = new WordSet(safeWords);
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
        clinical = new WordSet(clinicalWords);
        eponyms = new WordSet(lines("en-eponyms.txt"));
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

    static EnglishLexicon standard() {
        return STANDARD;
    }

    /** Bytes held by all lists (reported in BENCHMARKS.md). */
    long bytes() {
        return safe.bytes() + names.bytes() + places.bytes() + placeFirstWords.bytes() + clinical.bytes() + eponyms.bytes()
                + abbreviationStems.bytes();
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
                    if (name.startsWith("en-eponyms")) {
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
