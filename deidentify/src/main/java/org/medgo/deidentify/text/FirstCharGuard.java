package org.medgo.deidentify.text;

import java.util.Set;
import java.util.TreeSet;

/**
 * A lookahead {@code (?=[...])} listing the first characters of a keyword alternation, put in front of
 * it: java.util.regex tries an alternation at every index, and the guard turns the ~99 % of indexes where
 * no keyword can start into one character-class test. Pure speed; matches are unchanged.
 */
final class FirstCharGuard {
    private FirstCharGuard() {
    }

    /** Guard for "kw1|kw2(?:...)|kw3"; every top-level alternative must start with a literal character. */
    static String of(String alternation) {
        Set<Integer> first = new TreeSet<>();
        int depth = 0;
        boolean atStart = true;
        for (int i = 0; i < alternation.length(); i++) {
            char c = alternation.charAt(i);
            if (atStart) {
                if (c == '(' || c == '[' || c == '\\' || c == '.' || c == '^') {
                    throw new IllegalArgumentException("alternative must start with a literal: " + alternation.substring(i));
                }
                first.add((int) c);
                if (Character.isLetter(c) && c < 128) {
                    first.add((int) Character.toLowerCase(c));
                    first.add((int) Character.toUpperCase(c));
                }
                atStart = false;
            }
            if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                atStart = true;
            }
        }
        StringBuilder sb = new StringBuilder("(?=[");
        for (int c : first) {
            if ("\\[]^-&".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.appendCodePoint(c);
        }
        return sb.append("])").toString();
    }
}
