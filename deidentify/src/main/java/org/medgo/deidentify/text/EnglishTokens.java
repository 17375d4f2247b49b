package org.medgo.deidentify.text;

/**
 * Word tokens of an English text with their offsets: runs of letters and digits, joined across an
 * inner hyphen, apostrophe, slash or underscore ("Smith-Jones", "O'Brien", "KT-554433", "YU_82319") and across a dot between
 * digits ("5.0"). Punctuation and spaces separate tokens. One pass, no regex.
 */
final class EnglishTokens {
    final String text;
    int[] start = new int[64];
    int[] end = new int[64];
    int size;

    EnglishTokens(String text) {
        this.text = text;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isWordChar(c)) {
                i++;
                continue;
            }
            int s = i;
            i++;
            while (i < n) {
                char d = text.charAt(i);
                if (isWordChar(d)) {
                    i++;
                } else if (i + 1 < n && isJoiner(text.charAt(i - 1), d, text.charAt(i + 1))) {
                    i += 2;
                } else {
                    break;
                }
            }
            add(s, i);
        }
    }

    private static boolean isJoiner(char before, char c, char after) {
        if (!isWordChar(after)) {
            return false;
        }
        return switch (c) {
            case '-', '\'', '’', '/', '_' -> true;
            case '.' -> isDigit(before) && isDigit(after);
            default -> false;
        };
    }

    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c >= '\u00C0' && c <= '\u024F' && c != '\u00D7' && c != '\u00F7'
                || c >= '\u1E00' && c <= '\u1EFF'; // Latin Extended Additional: Vietnamese "Nguyễn", Welsh "Ŵ"

    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void add(int s, int e) {
        if (size == start.length) {
            start = java.util.Arrays.copyOf(start, size * 2);
            end = java.util.Arrays.copyOf(end, size * 2);
        }
        start[size] = s;
        end[size] = e;
        size++;
    }

    char first(int t) {
        return text.charAt(start[t]);
    }

    int length(int t) {
        return end[t] - start[t];
    }

    boolean isCapitalised(int t) {
        char c = first(t);
        return Character.isUpperCase(c);
    }

    boolean isLower(int t) {
        return Character.isLowerCase(first(t));
    }

    boolean hasDigit(int t) {
        for (int i = start[t]; i < end[t]; i++) {
            if (isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    int digits(int t) {
        int n = 0;
        for (int i = start[t]; i < end[t]; i++) {
            if (isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    boolean hasLetter(int t) {
        for (int i = start[t]; i < end[t]; i++) {
            if (Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** All letters upper case and at least two of them ("UCSF", "MRN"). */
    boolean isAllCaps(int t) {
        int letters = 0;
        for (int i = start[t]; i < end[t]; i++) {
            char c = text.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters >= 2;
    }

    /** A single capital letter ("K", "K." counts too: the dot is checked with {@link #dotAfter}). */
    boolean isInitial(int t) {
        return length(t) == 1 && Character.isUpperCase(first(t));
    }

    boolean dotAfter(int t) {
        return end[t] < text.length() && text.charAt(end[t]) == '.';
    }

    /** Only spaces or tabs (at most {@code max} characters, a dot after an abbreviation allowed) between t and t+1. */
    boolean adjacent(int t, int max) {
        if (t + 1 >= size) {
            return false;
        }
        int from = end[t];
        int to = start[t + 1];
        if (to - from > max || to == from) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && !(c == '.' && i == from)) {
                return false;
            }
        }
        return true;
    }

    boolean is(int t, String word) {
        return t >= 0 && t < size && length(t) == word.length() && text.regionMatches(true, start[t], word, 0, word.length());
    }

    /** End of the token without a possessive ('s, ’s, or a final apostrophe). */
    int stemEnd(int t) {
        int e = end[t];
        if (e - start[t] > 3 && (text.charAt(e - 2) == '\'' || text.charAt(e - 2) == '’')
                && (text.charAt(e - 1) == 's' || text.charAt(e - 1) == 'S')) {
            return e - 2;
        }
        return e;
    }

    /** The first non-space character before token t (or '\n' at the start of the text). */
    char charBefore(int t) {
        for (int i = start[t] - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t') {
                return c;
            }
        }
        return '\n';
    }

    String word(int t) {
        return text.substring(start[t], end[t]);
    }
}
