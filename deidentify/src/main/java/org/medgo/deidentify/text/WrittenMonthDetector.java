package org.medgo.deidentify.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Dates whose month is a word, in the forms {@link DateExpressions} leaves because it shifts only Title-case months
 * with a day: lower-case chat and notes ("may 16, 2015", "seen on march 3"), capitals ("MARCH OF 1993"), a month
 * and a year ("Nov 2016", "march of 2022") and a day before the month ("21 Apr", "2 nov, 96"). Safe Harbor keeps the
 * year alone, not the month beside it. A full month name is a month in any case, except "may". Before a day, "may"
 * and the short forms ("mar", "dec", "aug" are also words and ward shorthand: "HR dec 2", "MAR 3 doses") are months
 * only with a year, an ordinal, a date word before them or, for the short forms, a Title-case spelling ("Apr 3");
 * after a day ("21 apr") any spelling but a lower-case or capital "may" ("5 may be") is one.
 */
final class WrittenMonthDetector implements Detector {
    private static final String MONTH = "january|february|march|april|may|june|july|august|september|october|november|december|"
            + "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
    private static final Set<String> FULL = Set.of("january", "february", "march", "april", "june", "july", "august", "september",
            "october", "november", "december");
    private static final KeywordIndex TRIGGERS = KeywordIndex.fromAlternation(MONTH, true).atWordStarts();

    /** Group 1 the month; then a day (2, ordinal 3) with an optional year (4), or a year alone (5). */
    private static final Pattern MONTH_LED = Pattern.compile("(?i)(" + MONTH + ")\\b\\.?(?:"
            + "\\s+(?:the\\s+)?([12]\\d|3[01]|0?[1-9])(st|nd|rd|th)?\\b(?:(?:,\\s*|\\s+)((?:19|20)\\d{2}\\b|'\\d{2}\\b|(?<=,\\s?)\\d{2}\\b))?"
            + "|(?:\\s+of)?,?\\s+((?:19|20)\\d{2}|'\\d{2})\\b)"
            + "(?!\\s*(?:mg|mcg|ml|cc|%|units?\\b|tabs?\\b|tablets?|pills?|doses?|times|x\\b|miles?|blocks?|flights?|steps|km\\b|/))");

    /** A day just before the month ("21 Apr", "2nd of March"), read backwards from the month. */
    private static final Pattern DAY_BEFORE = Pattern.compile("(?i)(?<![\\d./:-])([12]\\d|3[01]|0?[1-9])(st|nd|rd|th)?\\s+(?:of\\s+)?$");
    private static final Pattern MONTH_WORD = Pattern.compile("(?i)(?:" + MONTH + ")\\b");
    /** A year after a day-led month ("2 nov, 96", "21 Apr 2019"). */
    private static final Pattern YEAR_AFTER = Pattern.compile("\\.?(?:,\\s*|\\s+)((?:19|20)\\d{2}|'?\\d{2})\\b(?![:/.]\\d)");

    /** Words before a month that date it ("on may 3", "since dec 2"). */
    private static final Pattern DATE_WORD_BEFORE = Pattern.compile("(?i)\\b(?:on|since|until|till|til|by|before|after|from|of|"
            + "through|thru|in|dated|early|late|mid|last|next|this|due|due\\s+on)\\s+$");

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        TRIGGERS.forEachMatch(text, MONTH_LED, m -> {
            if (monthLedDate(text, m)) {
                // a month and a year: the month goes, the year stays (Safe Harbor keeps it; "[DATE_1] of 2022")
                int end = m.group(5) != null && dayStart(text, m.start(), -1) < 0 ? m.end(1) : m.end();
                out.add(new Span(dayStart(text, m.start(), m.start()), end, PhiType.DATE));
            }
        });
        if (DateExpressions.hasDigit(text)) {
            findDayLed(text, out);
        }
    }

    private static boolean monthLedDate(String text, Matcher m) {
        String month = m.group(1);
        if (strong(month)) {
            return true;
        }
        boolean year = m.group(4) != null || m.group(5) != null;
        if (year && !month.equalsIgnoreCase("may")) {
            return true;
        }
        if (month.equalsIgnoreCase("may") && m.group(5) != null) {
            return dateWordBefore(text, m.start()); // "may 2000" alone reads as the verb and a number as often as a date
        }
        return year || m.group(3) != null || dateWordBefore(text, m.start())
                || (m.group(2) != null && !month.equalsIgnoreCase("may") && titleCase(month));
    }

    /** Month-led forms are caught above; here a day before a month with nothing after it ("21 Apr", "3 march"). */
    private static void findDayLed(String text, List<Span> out) {
        TRIGGERS.forEachMatch(text, MONTH_WORD, m -> {
            int start = dayStart(text, m.start(), -1);
            if (start < 0) {
                return;
            }
            String word = m.group();
            Matcher y = YEAR_AFTER.matcher(text).region(m.end(), text.length());
            boolean year = y.lookingAt();
            boolean ok = strong(word) || year || !word.equalsIgnoreCase("may") || word.equals("May");
            if (ok) {
                int end = year ? y.end() : m.end() + (m.end() < text.length() && text.charAt(m.end()) == '.' ? 1 : 0);
                out.add(new Span(start, end, PhiType.DATE));
            }
        });
    }

    /** Where a day written before the month starts, or {@code none}. */
    private static int dayStart(String text, int monthStart, int none) {
        int from = Math.max(0, monthStart - 12);
        Matcher d = DAY_BEFORE.matcher(text).region(from, monthStart).useTransparentBounds(true);
        return d.find() ? d.start() : none;
    }

    private static boolean dateWordBefore(String text, int at) {
        return DATE_WORD_BEFORE.matcher(text).region(Math.max(0, at - 12), at).useTransparentBounds(true).find();
    }

    /** A full month name other than "may", in any case. */
    private static boolean strong(String month) {
        return FULL.contains(month.toLowerCase(Locale.ROOT));
    }

    private static boolean titleCase(String w) {
        return Character.isUpperCase(w.charAt(0)) && w.length() > 1 && Character.isLowerCase(w.charAt(1));
    }
}
