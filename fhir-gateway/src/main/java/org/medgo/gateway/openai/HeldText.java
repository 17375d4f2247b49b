package org.medgo.gateway.openai;

/**
 * Streamed text held back to a sentence or line end when the output is de-identified, so the leak scan and
 * re-identification see whole sentences (a name cue and the name, a whole {@code [NAME_1]}) rather than
 * token fragments. Without de-identification text passes at once. A run without any boundary is released
 * at its last space once it grows past {@link #MAX_HELD} characters.
 */
final class HeldText {

    static final int MAX_HELD = 2_000;

    private final StringBuilder held = new StringBuilder();
    private final boolean toBoundary;

    HeldText(boolean toBoundary) {
        this.toBoundary = toBoundary;
    }

    /** Appends a delta; returns what may be sent now (possibly empty). */
    String push(String delta) {
        held.append(delta);
        int cut = toBoundary ? boundary() : held.length();
        String out = held.substring(0, cut);
        held.delete(0, cut);
        return out;
    }

    /** Everything still held (the end of the generation). */
    String flush() {
        String out = held.toString();
        held.setLength(0);
        return out;
    }

    private int boundary() {
        for (int i = held.length() - 1; i >= 0; i--) {
            char c = held.charAt(i);
            if (c == '\n' || c == '。' || c == '！' || c == '？' || c == '；') {
                return i + 1;
            }
            if ((c == '.' || c == '!' || c == '?' || c == ';') && i + 1 < held.length() && Character.isWhitespace(held.charAt(i + 1))) {
                return i + 2;
            }
        }
        if (held.length() > MAX_HELD) {
            int space = held.lastIndexOf(" ");
            return space > 0 ? space + 1 : held.length();
        }
        return 0;
    }
}
