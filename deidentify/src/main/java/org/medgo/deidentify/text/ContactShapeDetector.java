package org.medgo.deidentify.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/**
 * Contact details by shape where no keyword stands next to them: phone numbers written in groups the way
 * most countries write them ("+46 (0)8 928 571 38", "0494 92 82 32", "03.93.92.16.85"), unit designators
 * of an address ("Apt. 595", "Suite 501", "PSC 0413, Box 8144") and postcodes after "ZIP"/"postal code"
 * in any country's format ("7412 SL", "394 13").
 */
final class ContactShapeDetector implements Detector {
    /** 3+ groups of 2-5 digits (or a +country code), joined by one space, dot or dash: 8-15 digits in all. */
    private static final Pattern GROUPED_PHONE = Pattern.compile(
            "(?<![\\w.+/-])(?:\\+\\d{1,3}[\\s.-]?)?(?:\\(\\d{1,4}\\)[\\s.-]?)?\\d{2,5}(?:[ .-]\\d{2,5}){1,5}(?:\\s?(?:x|ext\\.?)\\s?\\d{1,5})?(?![\\w.-]*\\d)");
    private static final Pattern UNIT = Pattern.compile(
            "\\b(?:Apt|Apartment|Suite|Ste|Unit|PSC|Box|Bldg|Building|Flat|Floor|Fl|Lot|Space)\\.?\\s*#?\\s?\\d{1,6}[A-Za-z]?\\b(?:,\\s*Box\\s+\\d{1,6})?");
    private static final Pattern POSTCODE = Pattern.compile(
            "(?i:\\b(?:zip|zip\\s*code|postal\\s*code|postcode|post\\s*code|postleitzahl|cap|cp)\\b\\s*(?:is|:|#)?\\s*)"
            + "([A-Z0-9]{2,5}(?:[\\s-][A-Z0-9]{2,4})?)(?![\\w-])");
    private static final KeywordIndex POSTCODE_TRIGGERS = KeywordIndex.fromAlternation("zip|postal|postcode|post|postleitzahl", true);
    private static final KeywordIndex UNIT_TRIGGERS = KeywordIndex.fromAlternation(
            "Apt|Apartment|Suite|Ste|Unit|PSC|Box|Bldg|Building|Flat|Floor|Fl|Lot|Space", false);

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!language.english() || !DateExpressions.hasDigit(text)) {
            return;
        }
        StartScanner.forEachMatch(text, GROUPED_PHONE, c -> c == '+' || c == '(' || EnglishTokens.isDigit(c),
                c -> EnglishTokens.isWordChar(c) || c == '.' || c == '+' || c == '/' || c == '-', m -> {
                    if (phoneLike(m)) {
                        out.add(new Span(m.start(), m.end(), PhiType.PHONE));
                    }
                });
        UNIT_TRIGGERS.forEachMatch(text, UNIT, m -> {
            if (m.start() == 0 || !Character.isLetter(text.charAt(m.start() - 1))) {
                out.add(new Span(m.start(), m.end(), PhiType.ADDRESS));
            }
        });
        POSTCODE_TRIGGERS.forEachMatch(text, POSTCODE, m -> {
            if (m.group(1).chars().anyMatch(Character::isDigit) && (m.start() == 0 || !Character.isLetter(text.charAt(m.start() - 1)))) {
                out.add(new Span(m.start(1), m.end(1), PhiType.POSTCODE));
            }
        });
    }

    /** 8-15 digits; three groups at least unless a + or (area) leads; not a date or a range of values. */
    private static boolean phoneLike(Matcher m) {
        String s = m.group();
        int digits = 0;
        int groups = 1;
        boolean slashOrColon = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (EnglishTokens.isDigit(c)) {
                digits++;
            } else if (c == ' ' || c == '.' || c == '-') {
                groups++;
            } else if (c == '/' || c == ':') {
                slashOrColon = true;
            }
        }
        boolean international = s.startsWith("+") || s.startsWith("(");
        return !slashOrColon && digits >= 8 && digits <= 15 && (groups >= 3 || international)
                && !s.matches("(?:19|20)\\d{2}[-.](?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\\d|3[01]).*")
                && !s.matches("\\d{1,2}[.-]\\d{1,2}[.-](?:19|20)?\\d{2}");
    }
}
