package org.medgo.gateway.operations.composition;

/**
 * FHIR strings may not hold characters below U+0020 other than tab, carriage return and line feed. A model can
 * emit them (JSON escapes such as {@code \b} are valid JSON), and one would make the whole draft unparseable, so
 * generated text loses them before it becomes a resource.
 */
public final class FhirStringCharacters {

    private FhirStringCharacters() {
    }

    /** {@code text} without the control characters FHIR forbids; the same instance when there are none. */
    public static String withoutForbidden(String text) {
        int i = 0;
        while (i < text.length() && !forbidden(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!forbidden(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean forbidden(char c) {
        return c < 0x20 && c != '\t' && c != '\r' && c != '\n';
    }
}
