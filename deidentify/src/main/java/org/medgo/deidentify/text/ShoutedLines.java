package org.medgo.deidentify.text;

import java.util.Set;

/**
 * Which tokens stand on a line typed in capitals ("PT ADMITTED FROM OSH. INTUBATED, DIURESING WELL."). There a capital
 * says nothing: every word has one, so the rule "an unknown capitalised word is a name" would take each piece of
 * nursing shorthand for a person. On such lines a name needs a cue (a title, a relative, a person verb after it) or
 * a listed name beside an unknown word ("BEA TURA").
 */
final class ShoutedLines {
    /** A line is shouted when at least this many letters are capitals and at most one in ten is not. */
    private static final int MIN_CAPITALS = 12;

    /** Verbs that follow a person named in capitals ("BILL CALLED", "KINN AWARE"). */
    static final Set<String> PERSON_AFTER = Set.of("called", "phoned", "visited", "spoke", "states", "stated", "reports",
            "reported", "came", "aware", "notified", "informed", "paged", "says", "said");

    private final boolean[] shouted;

    ShoutedLines(EnglishTokens tk) {
        shouted = new boolean[tk.size];
        String s = tk.text;
        int t = 0;
        int lineStart = 0;
        while (lineStart <= s.length() && t < tk.size) {
            int lineEnd = s.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = s.length();
            }
            int upper = 0;
            int lowerCase = 0;
            for (int i = lineStart; i < lineEnd; i++) {
                char c = s.charAt(i);
                if (Character.isUpperCase(c)) {
                    upper++;
                } else if (Character.isLowerCase(c)) {
                    lowerCase++;
                }
            }
            boolean caps = upper >= MIN_CAPITALS && lowerCase * 10 <= upper + lowerCase;
            while (t < tk.size && tk.start[t] < lineEnd) {
                shouted[t] = caps;
                t++;
            }
            lineStart = lineEnd + 1;
        }
    }

    boolean at(int t) {
        return t >= 0 && t < shouted.length && shouted[t];
    }
}
