package org.medgo.deidentify.text;

import java.util.List;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Dates written relative to the patient's calendar: a weekday ("last Tuesday", "on Friday", "this past
 * Mon"), a day of the month without a month ("on the 14th"), and named holidays ("Christmas Eve",
 * "Thanksgiving"). Durations ("two weeks ago") are clinical and stay.
 */
final class RelativeDateDetector implements Detector {
    private static final String WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mondays|Tuesdays|Wednesdays|"
            + "Thursdays|Fridays|Saturdays|Sundays|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun";
    private static final Pattern WEEKDAY_DATE = Pattern.compile(
            "(?<![A-Za-z])(?:(?i:(?:this\\s+)?(?:last|past|next|previous|coming|this|on|since|until|by|before|after|early|late)\\s+))?(?:"
            + "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?|(?<=(?i:last|next|past|on|this)\\s)(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\\.?)"
            + "(?:\\s+(?i:morning|afternoon|evening|night))?\\b"
            + "|(?<![A-Za-z])(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)(?:[/,-](?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)){1,6}\\b"
            // a short weekday no other word is spelt like ("pick her up Thurs."); Mon, Sat and Sun need a cue ("Sat up")
            + "|(?<![A-Za-z])(?:Tues|Tue|Wed|Thurs|Thur|Thu|Fri)(?![A-Za-z'-])\\.?"
            // lower-case chat: "since sunday", "last friday night" (a cue word is needed: "sunday" alone stays)
            + "|(?<![A-Za-z])(?i:(?:this\\s+)?(?:last|past|next|previous|coming|this|on|since|until|till|by|before|after)\\s+"
            + "(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?(?:\\s+(?:morning|afternoon|evening|night))?)\\b");
    private static final Pattern DAY_OF_MONTH = Pattern.compile(
            "(?i:\\b(?:on|since|until|by|before|after|from)\\s+)?\\bthe\\s+(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)\\b"
            + "(?:\\s+of\\s+(?i:January|February|March|April|May|June|July|August|September|October|November|December|"
            + "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\b\\.?)?(?!\\s*(?i:percentile|centile|grade|degree|rib|cranial|intercostal|day of|week|cycle|dose|time|generation|line|trimester|toe|finger|digit|nerve|vertebra|ventricle|space|order))");
    private static final Pattern HOLIDAY = Pattern.compile(
            "\\b(?:Christmas(?:\\s+Eve|\\s+Day)?|Thanksgiving(?:\\s+Day)?|Easter(?:\\s+Sunday)?|Halloween|New\\s+Year'?s(?:\\s+(?:Eve|Day))?|"
            + "Independence\\s+Day|Labor\\s+Day|Memorial\\s+Day|Veterans\\s+Day|Valentine'?s\\s+Day|Mother'?s\\s+Day|Father'?s\\s+Day|"
            + "Fourth\\s+of\\s+July|July\\s+4th|Hanukkah|Ramadan|Eid|Diwali|Passover)\\b");
    /** A month/day without a year after a word that dates an event ("admitted 3/2", "d/c home 3/6", "transcribed 04/11"). */
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<![A-Za-z])(?i:again|(?:mon|tues?|wed|thur?s?|fri|sat|sun)\\.?|admitted|admission|discharged|d/c|dc'd|home|seen|visit|since|until|from|on|dated|transcribed|dictated|"
            + "signed|surgery|procedure|started|stopped|began|held|restarted|scheduled|due|appt|appointment|dos|returned|presented|"
            + "last|next|through|thru|to|by|before|after|in|with|cath|echo|ct|mri|cabg|pci|egd|colonoscopy|biopsy|labs|eval|"
            + "evaluation|study|scan|ekg|ecg|x-ray|xray|film|films|surgery|op|f/u|fu)\\s+(?:on\\s+)?((?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\\d|3[01]))(?![/\\d%]|\\.\\d|\\s*(?i:mg|ml|tab|strength|units?))");
    private static final KeywordIndex MONTH_DAY_TRIGGERS = KeywordIndex.fromAlternation(
            "again|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|"
            + "admitted|admission|discharged|d/c|dc'd|home|seen|visit|since|until|from|on|dated|transcribed|dictated|signed|surgery|"
            + "procedure|started|stopped|began|held|restarted|scheduled|due|appt|appointment|dos|returned|presented|last|next|through|"
            + "thru|to|by|before|after|in|with|cath|echo|ct|mri|cabg|pci|egd|colonoscopy|biopsy|labs|eval|evaluation|study|scan|ekg|"
            + "ecg|x-ray|xray|film|films|op|f/u|fu", true).atWordStarts();
    /** Month/two-digit year ("CABG in 3/80", "compared with 8/79"): a "day" over 31 makes it a month and a year. */
    private static final Pattern MONTH_YEAR = Pattern.compile(
            "(?<![\\d/.])(?:0?[1-9]|1[0-2])/(?:3[2-9]|[4-9]\\d)(?![/\\d%]|\\.\\d|\\s*(?i:mg|ml|mmhg|units?))");
    /** A month named alone after since/until/last... ("not seen since November", "since march"; "may" only as "May"). */
    private static final Pattern MONTH_ALONE = Pattern.compile(
            "(?<![A-Za-z])(?i:since|until|till|last|next|early|late|mid|from|through|this\\s+past|this|past)[\\s-]+"
            + "((?i:january|february|march|april|june|july|august|september|october|november|december)|May)\\b(?!\\s*\\d)");
    private static final KeywordIndex MONTH_ALONE_TRIGGERS = KeywordIndex.fromAlternation(
            "since|until|till|last|next|early|late|mid|from|through|this|past", true).atWordStarts();
    private static final KeywordIndex WEEKDAY_TRIGGERS = KeywordIndex.fromAlternation(
            "last|past|next|previous|coming|this|on|since|until|by|before|after|early|late|" + WEEKDAY, true).atWordStarts();
    private static final KeywordIndex THE_TRIGGERS = KeywordIndex.fromAlternation("on|since|until|by|before|after|from|the", true).atWordStarts();
    private static final KeywordIndex HOLIDAY_TRIGGERS = KeywordIndex.fromAlternation(
            "Christmas|Thanksgiving|Easter|Halloween|New|Independence|Labor|Memorial|Veterans|Valentine|Mother|Father|Fourth|July|"
            + "Hanukkah|Ramadan|Eid|Diwali|Passover", false).atWordStarts();

    /** "May 13th", "on May 13": May is a month only with an ordinal or after a date preposition ("may 5 pills" stays). */
    private static final Pattern MAY_DAY = Pattern.compile(
            "(?:(?<=(?i:on|since|until|by|before|after|from|of|through|til|till)\\s)May\\s+(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?"
            + "|\\bMay\\s+(?:[1-9]|[12]\\d|3[01])(?:st|nd|rd|th))\\b(?!\\s*(?i:mg|ml|%|units?|tabs?|pills?))");
    private static final KeywordIndex MAY_TRIGGERS = KeywordIndex.fromAlternation("May", false).atWordStarts();

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english()) {
            return;
        }
        WEEKDAY_TRIGGERS.forEachMatch(text, WEEKDAY_DATE, m -> out.add(new Span(m.start(), m.end(), PhiType.DATE)));
        if (DateExpressions.hasDigit(text)) {
            THE_TRIGGERS.forEachMatch(text, DAY_OF_MONTH, m -> out.add(new Span(m.start(), m.end(), PhiType.DATE)));
            MAY_TRIGGERS.forEachMatch(text, MAY_DAY, m -> out.add(new Span(m.start(), m.end(), PhiType.DATE)));
            MONTH_DAY_TRIGGERS.forEachMatch(text, MONTH_DAY, m -> {
                if (!MonthDayDetector.measure(text, m.start(1), m.end(1))) {
                    out.add(new Span(m.start(1), m.end(1), PhiType.DATE));
                }
            });
            StartScanner.forEachMatch(text, MONTH_YEAR, StartScanner.DIGIT, c -> c == '/' || EnglishTokens.isDigit(c),
                    m -> out.add(new Span(m.start(), m.end(), PhiType.DATE)));
        }
        HOLIDAY_TRIGGERS.forEachMatch(text, HOLIDAY, m -> out.add(new Span(m.start(), m.end(), PhiType.DATE)));
        MONTH_ALONE_TRIGGERS.forEachMatch(text, MONTH_ALONE, m -> out.add(new Span(m.start(1), m.end(1), PhiType.DATE)));
    }
}
