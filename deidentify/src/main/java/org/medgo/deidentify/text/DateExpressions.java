package org.medgo.deidentify.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds calendar dates in free text (ISO, slash/dot, Chinese 年月日, US m/d/y, English month names,
 * compact yyyymmdd) and rewrites them shifted by a number of days in the SAME written form, so the
 * model sees a plausible date and intervals between dates stay exact. A year on its own is not a date
 * here: Safe Harbor keeps years, and guideline/version years ("GOLD 2023") must survive.
 */
final class DateExpressions {
    /** A date found at [start, end) that renders itself back shifted. */
    record Found(int start, int end, LocalDate date, Function<LocalDate, String> render, boolean monthOnly) {
        /**
         * The date moved by {@code days}, never written as before: a date without a year moved by a whole year
         * ("January 27th" by -365 days), or a month moved by a few days ("March 2019" by +10), would come back
         * verbatim, so it moves on by a day (a month) in the same direction until its text differs.
         */
        String shifted(int days) {
            LocalDate base = monthOnly ? date.withDayOfMonth(15) : date;
            String original = render.apply(base);
            LocalDate moved = base.plusDays(days);
            String out = render.apply(moved);
            int step = days < 0 ? -1 : 1;
            for (int i = 0; i < 3 && out.equals(original); i++) {
                moved = monthOnly ? moved.plusMonths(step) : moved.plusDays(step);
                out = render.apply(moved);
            }
            return out;
        }
    }

    private static final String MONTHS =
            "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)";
    private static final String[] FULL = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};

    private static final Pattern YMD = Pattern.compile(
            "(?=[12])(?<![\\d.])((?:19|20)\\d{2})([-/.])(1[0-2]|0?[1-9])\\2(3[01]|[12]\\d|0?[1-9])(?![\\d])");
    private static final Pattern ZH_YMD = Pattern.compile(
            "(?=[12])(?<!\\d)((?:19|20)\\d{2})\\s*年\\s*(1[0-2]|0?[1-9])\\s*月\\s*(3[01]|[12]\\d|0?[1-9])(?!\\d)\\s*([日号])?");
    private static final Pattern ZH_YM = Pattern.compile(
            "(?=[12])(?<!\\d)((?:19|20)\\d{2})\\s*年\\s*(1[0-2]|0?[1-9])\\s*月(?![\\d份])");
    private static final Pattern ZH_MD = Pattern.compile(
            "(?=\\d)(?<![\\d年.])(1[0-2]|0?[1-9])月(3[01]|[12]\\d|0?[1-9])[日号]");
    private static final Pattern MDY = Pattern.compile(
            "(?=\\d)(?<![\\d/.])(?<![\\d/.]-)(1[0-2]|0?[1-9])([/-])(3[01]|[12]\\d|0?[1-9])\\2((?:19|20)\\d{2}|\\d{2})(?![\\d/])");
    private static final Pattern DMY_DOT = Pattern.compile(
            "(?=\\d)(?<![\\d.])(3[01]|[12]\\d|0?[1-9])\\.(1[0-2]|0?[1-9])\\.((?:19|20)\\d{2})(?![\\d.])");
    private static final Pattern MONTH_D_Y = Pattern.compile(
            "(?=[JFMASOND])\\b" + MONTHS + "(\\.?)\\s+(\\d{1,2})(st|nd|rd|th)?(,?)\\s+((?:19|20)\\d{2})\\b");
    private static final Pattern D_MONTH_Y = Pattern.compile(
            "(?=\\d)\\b(\\d{1,2})(st|nd|rd|th)?\\s+" + MONTHS + "(\\.?)(,?)\\s+((?:19|20)\\d{2})\\b");
    private static final Pattern D_MON_Y_COMPACT = Pattern.compile(
            "(?=\\d)\\b(\\d{1,2})-" + MONTHS + "-((?:19|20)\\d{2})\\b");
    private static final Pattern MONTH_Y = Pattern.compile(
            "(?=[JFMASOND])\\b(January|February|March|April|June|July|August|September|October|November|December)\\s+((?:19|20)\\d{2})\\b");
    private static final Pattern MONTH_D = Pattern.compile(
            "(?=[JFMASOND])\\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(\\.?)\\s+(\\d{1,2})(st|nd|rd|th)?\\b(?!\\s*(?:mg|ml|g|%|,?\\s*\\d))");
    private static final Pattern COMPACT = Pattern.compile(
            "(?=[12])(?<![\\d.A-Za-z])((?:19|20)\\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])(?![\\d.A-Za-z])");

    private DateExpressions() {
    }

    private static final KeywordIndex MONTH_TRIGGERS = KeywordIndex.of(List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun",
            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV",
            "DEC"), false);

    /** Matches of a pattern that starts with a digit not preceded by a digit. */
    private static List<java.util.regex.MatchResult> digitLed(String text, Pattern p) {
        List<java.util.regex.MatchResult> out = new ArrayList<>();
        StartScanner.forEachMatch(text, p, StartScanner.DIGIT, StartScanner.DIGIT, m -> out.add(m.toMatchResult()));
        return out;
    }

    /** Matches of a pattern that starts with an English month name. */
    private static List<java.util.regex.MatchResult> monthLed(String text, Pattern p) {
        List<java.util.regex.MatchResult> out = new ArrayList<>();
        MONTH_TRIGGERS.forEachMatch(text, p, m -> out.add(m.toMatchResult()));
        return out;
    }

    static List<Found> find(String text) {
        List<Found> out = new ArrayList<>();
        if (!hasDigit(text)) {
            return out;
        }
        for (java.util.regex.MatchResult m : digitLed(text, YMD)) {
            String y = m.group(1), sep = m.group(2), mo = m.group(3), d = m.group(4);
            boolean p = padded(mo, d, true);
            add(out, m, y, mo, d, x -> x.getYear() + sep + pad(x.getMonthValue(), p) + sep + pad(x.getDayOfMonth(), p));
        }
        for (java.util.regex.MatchResult m : digitLed(text, ZH_YMD)) {
            String mo = m.group(2), d = m.group(3), suffix = m.group(4) == null ? "" : m.group(4);
            boolean p = padded(mo, d, false);
            add(out, m, m.group(1), mo, d,
                    x -> x.getYear() + "年" + pad(x.getMonthValue(), p) + "月" + pad(x.getDayOfMonth(), p) + suffix);
        }
        for (java.util.regex.MatchResult m : digitLed(text, ZH_YM)) {
            String mo = m.group(2);
            boolean p = mo.startsWith("0");
            addMonth(out, m, m.group(1), mo, x -> x.getYear() + "年" + pad(x.getMonthValue(), p) + "月");
        }
        for (java.util.regex.MatchResult m : digitLed(text, ZH_MD)) {
            String mo = m.group(1), d = m.group(2), suffix = text.substring(m.end() - 1, m.end());
            boolean p = padded(mo, d, false);
            add(out, m, "2000", mo, d, x -> pad(x.getMonthValue(), p) + "月" + pad(x.getDayOfMonth(), p) + suffix);
        }
        for (java.util.regex.MatchResult m : digitLed(text, MDY)) {
            String mo = m.group(1), sep = m.group(2), d = m.group(3), y = m.group(4);
            String year = y.length() == 2 ? (Integer.parseInt(y) > 40 ? "19" : "20") + y : y;
            boolean p = padded(mo, d, true);
            add(out, m, year, mo, d, x -> pad(x.getMonthValue(), p) + sep + pad(x.getDayOfMonth(), p) + sep
                    + (y.length() == 2 ? String.format("%02d", x.getYear() % 100) : String.valueOf(x.getYear())));
        }
        for (java.util.regex.MatchResult m : digitLed(text, DMY_DOT)) {
            String d = m.group(1), mo = m.group(2);
            boolean p = padded(mo, d, true);
            add(out, m, m.group(3), mo, d, x -> pad(x.getDayOfMonth(), p) + "." + pad(x.getMonthValue(), p) + "." + x.getYear());
        }
        for (java.util.regex.MatchResult m : monthLed(text, MONTH_D_Y)) {
            String mon = m.group(1), dot = m.group(2), d = m.group(3), ord = m.group(4), comma = m.group(5);
            add(out, m, m.group(6), String.valueOf(month(mon)), d, x -> monthName(x, mon) + dot + " "
                    + x.getDayOfMonth() + (ord == null ? "" : ordinal(x.getDayOfMonth())) + comma + " " + x.getYear());
        }
        for (java.util.regex.MatchResult m : digitLed(text, D_MONTH_Y)) {
            String d = m.group(1), ord = m.group(2), mon = m.group(3), dot = m.group(4), comma = m.group(5);
            add(out, m, m.group(6), String.valueOf(month(mon)), d, x -> x.getDayOfMonth()
                    + (ord == null ? "" : ordinal(x.getDayOfMonth())) + " " + monthName(x, mon) + dot + comma + " " + x.getYear());
        }
        for (java.util.regex.MatchResult m : digitLed(text, D_MON_Y_COMPACT)) {
            String d = m.group(1), mon = m.group(2);
            add(out, m, m.group(3), String.valueOf(month(mon)), d,
                    x -> pad(x.getDayOfMonth(), d.length() == 2) + "-" + monthName(x, mon) + "-" + x.getYear());
        }
        for (java.util.regex.MatchResult m : monthLed(text, MONTH_Y)) {
            String mon = m.group(1);
            addMonth(out, m, m.group(2), String.valueOf(month(mon)), x -> monthName(x, mon) + " " + x.getYear());
        }
        for (java.util.regex.MatchResult m : monthLed(text, MONTH_D)) {
            String mon = m.group(1), dot = m.group(2), ord = m.group(4);
            add(out, m, "2000", String.valueOf(month(mon)), m.group(3), x -> monthName(x, mon) + dot + " "
                    + x.getDayOfMonth() + (ord == null ? "" : ordinal(x.getDayOfMonth())));
        }
        for (java.util.regex.MatchResult m : digitLed(text, COMPACT)) {
            add(out, m, m.group(1), m.group(2), m.group(3),
                    x -> String.format(Locale.ROOT, "%04d%02d%02d", x.getYear(), x.getMonthValue(), x.getDayOfMonth()));
        }
        return out;
    }

    /** Rewrites every date in the text shifted by {@code days}; used to undo the shift in model output. */
    static String shiftAll(String text, int days) {
        List<Found> found = find(text);
        if (found.isEmpty()) {
            return text;
        }
        found.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        StringBuilder sb = new StringBuilder(text.length());
        int pos = 0;
        for (Found f : found) {
            if (f.start() < pos) {
                continue;
            }
            sb.append(text, pos, f.start()).append(f.shifted(days));
            pos = f.end();
        }
        return sb.append(text, pos, text.length()).toString();
    }

    private static void add(List<Found> out, java.util.regex.MatchResult m, String y, String mo, String d, Function<LocalDate, String> render) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(y), Integer.parseInt(mo), Integer.parseInt(d));
            out.add(new Found(m.start(), trimEnd(m), date, render, false));
        } catch (DateTimeException | NumberFormatException ignored) {
            // 31 February and friends are not dates
        }
    }

    private static void addMonth(List<Found> out, java.util.regex.MatchResult m, String y, String mo, Function<LocalDate, String> render) {
        YearMonth ym = YearMonth.of(Integer.parseInt(y), Integer.parseInt(mo));
        out.add(new Found(m.start(), trimEnd(m), ym.atDay(1), render, true));
    }

    private static int trimEnd(java.util.regex.MatchResult m) {
        int end = m.end();
        CharSequence s = m.group();
        int i = s.length();
        while (i > 0 && Character.isWhitespace(s.charAt(i - 1))) {
            i--;
            end--;
        }
        return end;
    }

    private static String pad(int v, boolean padded) {
        return padded && v < 10 ? "0" + v : String.valueOf(v);
    }

    /** Zero-padded style: explicit when a part has a leading zero or a single digit, else the format's habit. */
    private static boolean padded(String month, String day, boolean habit) {
        if (month.startsWith("0") || day.startsWith("0")) {
            return true;
        }
        if (month.length() == 1 || day.length() == 1) {
            return false;
        }
        return habit;
    }

    private static int month(String name) {
        String k = name.substring(0, 3).toLowerCase(Locale.ROOT);
        return switch (k) {
            case "jan" -> 1; case "feb" -> 2; case "mar" -> 3; case "apr" -> 4; case "may" -> 5; case "jun" -> 6;
            case "jul" -> 7; case "aug" -> 8; case "sep" -> 9; case "oct" -> 10; case "nov" -> 11; default -> 12;
        };
    }

    private static String monthName(LocalDate d, String like) {
        String full = FULL[d.getMonthValue() - 1];
        String out = like.length() <= 4 && !like.equalsIgnoreCase("june") && !like.equalsIgnoreCase("july")
                ? (like.equalsIgnoreCase("sept") ? full.substring(0, 3) : full.substring(0, 3))
                : full;
        if (like.length() == 3 && full.length() == 3) {
            out = full;
        }
        return Character.isUpperCase(like.charAt(1)) ? out.toUpperCase(Locale.ROOT) : out;
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st"; case 2 -> "nd"; case 3 -> "rd"; default -> "th";
        };
    }

    static boolean hasDigit(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
