package org.medgo.deidentify.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medgo.deidentify.PhiType;

/** Ages over 89 (Safe Harbor aggregates them into "90 or older"); the span covers the number only. */
final class AgeDetector implements Detector {
    private static final Pattern AGE_SUFFIX = Pattern.compile(
            "(?=[19])(?<![\\d.])(9\\d|1[0-2]\\d)(?=\\s*(?:岁|周岁|歲|yo\\b|y/o|y\\.o\\.|-year-old|-yr-old|\\s?years?[- ]old|\\s?yrs?[- ]old|-years-old))");
    private static final Pattern AGE_PREFIX = Pattern.compile(
            "(?:(?i:aged?)|年龄|年齡|享年|高龄)\\s*[:：]?\\s*(9\\d|1[0-2]\\d)(?![\\d.%])");

    private static final KeywordIndex AGE_TRIGGERS = KeywordIndex.fromAlternation("age|年龄|年齡|享年|高龄", true);

    @Override
    public void detect(String text, Language language, List<Span> out) {
        if (!DateExpressions.hasDigit(text)) {
            return;
        }
        IdentifierDetector.find(AGE_SUFFIX, text, PhiType.AGE, out);
        AGE_TRIGGERS.forEachMatch(text, AGE_PREFIX, k -> out.add(new Span(k.start(1), k.end(1), PhiType.AGE)));
    }
}
