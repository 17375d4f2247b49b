package org.medgo.deidentify.text;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where keyword-led patterns can start without letting java.util.regex try a long alternation
 * at every index: one pass over the text with a first-character bit set and a short candidate list,
 * then the full pattern runs anchored ({@code lookingAt}) only at those positions. Matches are the same
 * as {@code find()} would give for patterns whose match starts with one of the trigger words.
 */
final class KeywordIndex {
    private final BitSet first = new BitSet(0x10000);
    private final Map<Character, List<String>> byFirst = new HashMap<>();
    private final boolean ignoreCase;
    /** Try only where a word starts (no letter or digit before): right for patterns led by a word boundary. */
    private final boolean wordStarts;
    private final List<String> words;

    private KeywordIndex(List<String> words, boolean ignoreCase) {
        this(words, ignoreCase, false);
    }

    private KeywordIndex(List<String> words, boolean ignoreCase, boolean wordStarts) {
        this.ignoreCase = ignoreCase;
        this.wordStarts = wordStarts;
        this.words = List.copyOf(words);
        for (String w : words) {
            String k = ignoreCase ? w.toLowerCase(Locale.ROOT) : w;
            char c = k.charAt(0);
            first.set(c);
            if (ignoreCase) {
                first.set(Character.toUpperCase(c));
            }
            byFirst.computeIfAbsent(c, x -> new ArrayList<>()).add(k);
        }
        byFirst.values().forEach(l -> l.sort(Comparator.comparingInt(String::length).reversed()));
    }

    /** Triggers from the literal prefix of each top-level alternative of a regex alternation. */
    static KeywordIndex fromAlternation(String alternation, boolean ignoreCase) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        StringBuilder lit = new StringBuilder();
        boolean collecting = true;
        for (int i = 0; i <= alternation.length(); i++) {
            char c = i < alternation.length() ? alternation.charAt(i) : '|';
            if (c == '|' && depth == 0) {
                if (lit.isEmpty()) {
                    throw new IllegalArgumentException("alternative without a literal start in " + alternation);
                }
                words.add(lit.toString());
                lit.setLength(0);
                collecting = true;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (collecting) {
                if ("\\()[]{}?*+.|^$".indexOf(c) >= 0) {
                    collecting = false;
                    // an optional last literal ("Acct\\.?" / "Numbers?") is not part of the required prefix
                    if ((c == '?' || c == '*') && !lit.isEmpty()) {
                        lit.setLength(lit.length() - 1);
                    }
                } else {
                    lit.append(c);
                }
            }
        }
        return new KeywordIndex(words, ignoreCase);
    }

    static KeywordIndex of(List<String> words, boolean ignoreCase) {
        return new KeywordIndex(words, ignoreCase);
    }

    /**
     * The same triggers, tried only where no ASCII letter comes before: for patterns that begin with
     * {@code (?<![A-Za-z])} or a word boundary the matches are the same, and "mon" is no longer tried inside
     * "common" nor "on" inside "tone".
     */
    KeywordIndex atWordStarts() {
        return new KeywordIndex(words, ignoreCase, true);
    }

    /** End of the longest keyword starting at {@code i}, or -1. */
    int matchAt(String text, int i) {
        char c = text.charAt(i);
        if (!first.get(c)) {
            return -1;
        }
        List<String> cands = byFirst.get(ignoreCase ? Character.toLowerCase(c) : c);
        if (cands == null) {
            return -1;
        }
        for (String k : cands) {
            if (text.regionMatches(ignoreCase, i, k, 0, k.length())) {
                return i + k.length();
            }
        }
        return -1;
    }

    private static boolean asciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Runs {@code pattern} anchored at every trigger position; calls back with each match, non-overlapping. */
    void forEachMatch(String text, Pattern pattern, java.util.function.Consumer<Matcher> onMatch) {
        Matcher m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (first.get(text.charAt(i)) && (!wordStarts || i == 0 || !asciiLetter(text.charAt(i - 1)))
                    && matchAt(text, i) > 0) {
                m.region(i, n);
                if (m.lookingAt() && m.end() > i) {
                    onMatch.accept(m);
                    i = m.end();
                    continue;
                }
            }
            i++;
        }
    }
}
