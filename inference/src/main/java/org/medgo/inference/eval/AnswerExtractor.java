package org.medgo.inference.eval;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the answer in free model text (a remote endpoint, or local thinking mode, where decoding cannot be
 * constrained). The reasoning is dropped first (everything up to {@code </think>}), then, in order:
 * <ol>
 *   <li>a JSON string that is exactly a label ({@code "B"}: what constrained decoding writes);</li>
 *   <li>the last "answer is X" / "answer: X" / "Answer: (X)" (case-insensitive);</li>
 *   <li>a label at the very start ({@code B}, {@code (B)}, {@code B.}, {@code B)}, {@code yes,});</li>
 *   <li>the last label standing alone as a word (letters only as capitals).</li>
 * </ol>
 * No match → null (scored wrong, counted as unparsed).
 */
public final class AnswerExtractor {

    private AnswerExtractor() {}

    public static String extract(String generated, List<String> labels) {
        String text = generated;
        int think = text.lastIndexOf("</think>");
        if (think >= 0) {
            text = text.substring(think + "</think>".length());
        }
        text = text.strip();
        boolean words = labels.stream().anyMatch(l -> l.length() > 1);
        String alternatives = String.join("|", labels.stream().map(Pattern::quote).toList());
        int flags = words ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        Matcher json = Pattern.compile("^\"(" + alternatives + ")\"$", flags).matcher(text);
        if (json.matches()) {
            return normalise(json.group(1), labels);
        }
        Matcher stated = Pattern.compile("(?i:answer(?:\\s+is)?\\s*[:：]?\\s*(?:option\\s*)?)[(\\[]?\\**(" + alternatives + ")\\b", flags)
                .matcher(text);
        String last = null;
        while (stated.find()) {
            last = stated.group(1);
        }
        if (last != null) {
            return normalise(last, labels);
        }
        Matcher start = Pattern.compile("^[(\\[]?\\**(" + alternatives + ")(?:\\b|[.):,\\]])", flags).matcher(text);
        if (start.find()) {
            return normalise(start.group(1), labels);
        }
        Matcher alone = Pattern.compile("\\b(" + alternatives + ")\\b", flags).matcher(text);
        while (alone.find()) {
            last = alone.group(1);
        }
        return last == null ? null : normalise(last, labels);
    }

    private static String normalise(String found, List<String> labels) {
        for (String l : labels) {
            if (l.equalsIgnoreCase(found)) {
                return l;
            }
        }
        return found.toLowerCase(Locale.ROOT);
    }
}
