package org.medgo.deidentify.text;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a pattern anchored only where a match can begin: at a character it can start with that does not
 * follow a character its own lookbehind forbids (a phone number never starts in the middle of a digit
 * run). Same matches as {@code find()} for such patterns, at a fraction of the attempts.
 */
final class StartScanner {
    interface CharTest {
        boolean test(char c);
    }

    static final CharTest DIGIT = c -> c >= '0' && c <= '9';
    static final CharTest ALNUM = c -> c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z';

    private StartScanner() {
    }

    static void forEachMatch(String text, Pattern pattern, CharTest canStart, CharTest cannotFollow, Consumer<Matcher> onMatch) {
        Matcher m = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (canStart.test(c) && (i == 0 || !cannotFollow.test(text.charAt(i - 1)))) {
                if (m == null) {
                    m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
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
