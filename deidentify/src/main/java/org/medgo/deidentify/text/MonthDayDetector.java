package org.medgo.deidentify.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * A month/day written bare, with no word before it that dates an event ("7/22 found by husband on floor",
 * "trans to GH 7/23"): real notes date their events this way, and Safe Harbor removes every date element but
 * the year. Recall-first: any m/d is a date unless its shape or its neighbours make it a measure — a score out
 * of a small scale ("strength 4/5", "2/6 murmur", "pain 3/10"), a fraction ("1/2 NS"), ventilator settings
 * ("PS 10/5"), a lab pair ("H/H 9/27"), or a number with a unit after it. {@link RelativeDateDetector} keeps the
 * cued forms ("on 3/5"), which this rule leaves to it.
 */
final class MonthDayDetector implements Detector {
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<![\\d/+]|\\d[.:])(?<!(?<![/\\d])\\d-)(1[0-2]|0?[1-9])/(3[01]|[12]\\d|0?[1-9])(?![/\\d%]|\\.\\d|:\\d)");

    /** Denominators of clinical scales: a numerator not above them is a score or a fraction (4/5, 2/6, 3/10, 1/2). */
    private static final Set<Integer> SCALE_DENOMINATORS = Set.of(2, 3, 4, 5, 6, 10);

    /** Words before a pair of numbers that make it a measurement: scores, ventilator settings, lab pairs. */
    private static final Set<String> MEASURE_BEFORE = Set.of("strength", "motor", "murmur", "murmurs", "sem", "pain", "grade",
            "graded", "scale", "score", "scores", "pulse", "pulses", "reflex", "reflexes", "dtr", "dtrs", "ps", "psv", "cpap", "peep",
            "imv", "simv", "ac", "bipap", "ipap", "epap", "prvc", "pc", "vc", "vent", "settings", "setting", "ratio", "ie", "x",
            "rated", "apgar", "apgars", "bp", "nbp", "abp", "pap", "paps", "cvp", "hct", "hgb", "rate", "rr", "tv", "vt", "fio2",
            "sats", "sat", "sao2", "spo2", "gcs", "rass", "mae", "gait");

    /** Words after a pair of numbers that make it a quantity, a fraction or a score, not a date. */
    private static final Pattern MEASURE_AFTER = Pattern.compile("\\s*(?i:mg|mcg|ml|cc|l\\b|g\\b|kg|units?|u\\b|ns\\b|normal|"
            + "strength|str\\b|tabs?|tablets?|caps?|pills?|amps?|times|x\\b|murmur|sem\\b|hsm\\b|pain|pulses?|scale|of\\b|meq|mmol|"
            + "mmhg|cm\\b|mm\\b|lb|lbs|oz|hrs?\\b|hours?|mins?\\b|minutes?|sec|breaths?|bpm|%|edema|reflexes|dtrs?|ratio|"
            + "in\\s+\\d|split|d5|liters?|doses?)");

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english() || !DateExpressions.hasDigit(text) || text.indexOf('/') < 0) {
            return;
        }
        StartScanner.forEachMatch(text, MONTH_DAY, StartScanner.DIGIT, c -> c == '/' || c == '.' || c == '+' || EnglishTokens.isDigit(c),
                m -> {
                    if (date(text, m)) {
                        out.add(new Span(m.start(), m.end(), PhiType.DATE));
                    }
                });
    }

    private static boolean date(String text, Matcher m) {
        int month = Integer.parseInt(m.group(1));
        int day = Integer.parseInt(m.group(2));
        if (month <= day && SCALE_DENOMINATORS.contains(day)
                && (month == 1 || month == day || day - month == 1 || day == 10 || scoreNear(text, m.start()))) {
            return false; // 1/2, 2/3, 3/4, 5/5 are fractions or full marks, x/10 a pain score; "strength 3/5" a score; a bare "3/5" a date
        }
        if (m.end() < text.length() && Character.isLetter(text.charAt(m.end()))) {
            return false; // "5/5mg", "1/2NS": glued to a unit
        }
        if (MEASURE_AFTER.matcher(text).region(m.end(), text.length()).lookingAt()) {
            return false;
        }
        String prev = previousWord(text, m.start());
        return !MEASURE_BEFORE.contains(prev) && prev.indexOf('/') < 0 && !ventilatorSetting(text, m.start(), m.end());
    }

    private static final Pattern SCORE = Pattern.compile("(?i)\\b(?:pain|strength|motor|murmur|sem|grade|scale|score|rated|"
            + "pulses?|reflex(?:es)?|dtrs?|mae|power|out\\s+of|cp|discomfort|pressure)\\b");

    /** A scored finding named within a few words before, on the same line ("pain at rest 3/10", "strength RLE 3/5"). */
    private static boolean scoreNear(String text, int start) {
        int from = Math.max(text.lastIndexOf('\n', start) + 1, start - 25);
        return SCORE.matcher(text).region(from, start).find();
    }

    /**
     * Modes and gases around a pair of pressures ("PSV of 10/5", "on 5/5, 40%", "10/5 BIPAP", "flowby 6/3"); events of care
     * ("extubated 7/17", "weaned off 9/7") are dates and are not here.
     */
    private static final Pattern VENT = Pattern.compile("(?i)\\b(?:psv?|cpap|peep|bipap|ipap|epap|s?imv|"
            + "settings?|flowby|fio2)\\b");

    /** A ventilator word within a few words before on the same line, or a gas share right after: settings, not a date. */
    static boolean ventilatorSetting(String text, int start, int end) {
        int from = Math.max(0, start - 20);
        int nl = text.lastIndexOf('\n', start);
        from = Math.max(from, nl + 1);
        if (VENT.matcher(text).region(from, start).find()) {
            return true;
        }
        int to = Math.min(text.length(), end + 8);
        for (int i = end; i < to; i++) {
            if (text.charAt(i) == '%' || text.charAt(i) == '\n') {
                return text.charAt(i) == '%';
            }
        }
        return VENT.matcher(text).region(end, Math.min(text.length(), end + 12)).lookingAt()
                || VENT.matcher(text).region(end, Math.min(text.length(), end + 12)).find();
    }

    /** The same measure tests for a month/day that a date word announced ("changed to 1/2 NS", "on 10/5 BIPAP"). */
    static boolean measure(String text, int start, int end) {
        return MEASURE_AFTER.matcher(text).region(end, text.length()).lookingAt() || ventilatorSetting(text, start, end);
    }

    /** The word just before {@code at} on the same line, lower case ("H/H" stays whole); "" when none. */
    private static String previousWord(String text, int at) {
        int i = at - 1;
        while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == ':' || text.charAt(i) == '=' || text.charAt(i) == '\t')) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '/')) {
            i--;
        }
        return text.substring(i + 1, end).toLowerCase(Locale.ROOT);
    }
}
