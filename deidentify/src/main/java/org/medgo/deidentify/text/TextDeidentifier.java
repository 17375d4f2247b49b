package org.medgo.deidentify.text;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;

/**
 * Finds PHI in free text (English, Chinese or both mixed) and replaces it: identifiers with typed
 * surrogates that stay the same within a request ({@code [NAME_1]}), dates with the patient's shifted
 * date in the same written form, ages over 89 with {@code 90+}. Immutable and thread-safe; the
 * per-request state lives in the {@link DeidSession}.
 *
 * <pre>{@code
 * TextDeidentifier deid = TextDeidentifier.standard();
 * List<Span> spans = deid.detect(note, Language.AUTO);
 * TextResult r = deid.deidentify(note, Language.AUTO, session);   // r.text() goes to the model
 * }</pre>
 */
public final class TextDeidentifier {
    /** Longest text accepted in one call (characters); larger notes are a caller error. */
    public static final int MAX_CHARS = 2_000_000;
    private static final TextDeidentifier STANDARD = new TextDeidentifier(Dictionaries.standard());

    private final List<Detector> detectors;
    private final Dictionaries dict;

    private TextDeidentifier(Dictionaries dict) {
        this.dict = dict;
        EnglishLexicon en = EnglishLexicon.standard();
        this.detectors = List.of(new IdentifierDetector(), new AgeDetector(), new AddressDetector(),
                new OrganizationDetector(), new ChineseNameDetector(dict), new EnglishNameDetector(dict),
                new IdCueDetector(), new ContactShapeDetector(), new RelativeDateDetector(), new WrittenMonthDetector(), new MonthDayDetector(), new FacilityDetector(en), new EnglishRecallDetector(en));
    }

    /** The detector with the dictionaries shipped in the jar. */
    public static TextDeidentifier standard() {
        return STANDARD;
    }

    /** Spans of PHI in {@code text}, sorted, non-overlapping, offsets into {@code text}. */
    public List<Span> detect(String text, Language language) {
        return resolve(text, language, List.of()).spans;
    }

    /** Replaces every PHI span; counts and surrogates go into {@code session}. */
    public TextResult deidentify(String text, Language language, DeidSession session) {
        Resolved r = resolve(text, language, session.originals(PhiType.NAME));
        if (r.spans.isEmpty()) {
            return new TextResult(text, List.of(), List.of(), Map.of());
        }
        Map<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
        List<String> replacements = new ArrayList<>(r.spans.size());
        StringBuilder sb = new StringBuilder(text.length() + 16 * r.spans.size());
        int pos = 0;
        int offset = 0;
        boolean offsetKnown = false;
        for (Span s : r.spans) {
            sb.append(text, pos, s.start());
            String original = text.substring(s.start(), s.end());
            String replacement;
            DateExpressions.Found date = r.dates.get(s.start());
            if (s.type() == PhiType.DATE && date != null && date.end() == s.end()) {
                if (!offsetKnown) {
                    offset = session.dateOffsetDays();
                    offsetKnown = true;
                }
                replacement = date.shifted(offset);
            } else if (s.type() == PhiType.AGE) {
                replacement = "90+";
            } else {
                replacement = session.surrogate(s.type(), original);
            }
            sb.append(replacement);
            replacements.add(replacement);
            session.count(s.type());
            counts.merge(s.type(), 1, Integer::sum);
            pos = s.end();
        }
        sb.append(text, pos, text.length());
        return new TextResult(sb.toString(), r.spans, replacements, counts);
    }

    /** Moves every date written in {@code text} by {@code days}, keeping its written form. */
    public static String shiftDates(String text, int days) {
        return DateExpressions.shiftAll(text, days);
    }

    private record Resolved(List<Span> spans, Map<Integer, DateExpressions.Found> dates) {
    }

    private Resolved resolve(String text, Language language, List<String> knownNames) {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("text longer than " + MAX_CHARS + " characters");
        }
        List<Span> raw = new ArrayList<>();
        Map<Integer, DateExpressions.Found> dates = new HashMap<>();
        for (DateExpressions.Found f : DateExpressions.find(text)) {
            raw.add(new Span(f.start(), f.end(), PhiType.DATE));
            dates.merge(f.start(), f, (a, b) -> a.end() >= b.end() ? a : b);
        }
        for (Detector d : detectors) {
            d.detect(text, language, raw);
        }
        propagateNames(text, raw, knownNames);
        return new Resolved(merge(raw), dates);
    }

    /** A name found once (with a cue) is a name everywhere in the note, also without the cue. */
    private void propagateNames(String text, List<Span> raw, List<String> knownNames) {
        Set<String> names = new LinkedHashSet<>();
        List<String> found = new ArrayList<>(knownNames);
        for (Span s : raw) {
            if (s.type() == PhiType.NAME) {
                found.add(text.substring(s.start(), s.end()));
            }
        }
        for (String candidate : found) {
            String name = candidate.strip();
            if (name.isEmpty()) {
                continue;
            }
            boolean han = ChineseNameDetector.isHan(name.charAt(0));
            if (han) {
                if (name.length() >= 2 && !name.endsWith("某")) {
                    names.add(name);
                }
            } else {
                if (name.length() >= 3) {
                    names.add(name);
                }
                for (String w : name.split("[\\s,]+")) {
                    if (w.length() >= 3 && Character.isUpperCase(w.charAt(0)) && !dict.eponyms().contains(w)
                            && w.chars().skip(1).anyMatch(Character::isLowerCase)) {
                        names.add(w);
                    }
                }
            }
        }
        for (String name : names) {
            boolean han = ChineseNameDetector.isHan(name.charAt(0));
            int from = 0;
            int at;
            while ((at = text.indexOf(name, from)) >= 0) {
                int end = at + name.length();
                boolean bounded = han || ((at == 0 || !Character.isLetter(text.charAt(at - 1)))
                        && (end == text.length() || !Character.isLetter(text.charAt(end))));
                if (bounded) {
                    raw.add(new Span(at, end, PhiType.NAME));
                }
                from = end;
            }
        }
    }

    /** Overlapping spans become one span covering all of them, typed after the longest member. */
    static List<Span> merge(List<Span> raw) {
        if (raw.isEmpty()) {
            return List.of();
        }
        List<Span> sorted = new ArrayList<>(raw);
        sorted.sort(null);
        List<Span> out = new ArrayList<>();
        Span cur = sorted.get(0);
        Span longest = cur;
        int end = cur.end();
        int start = cur.start();
        for (int i = 1; i < sorted.size(); i++) {
            Span s = sorted.get(i);
            if (s.start() < end) {
                if (s.length() > longest.length()) {
                    longest = s;
                }
                end = Math.max(end, s.end());
            } else {
                out.add(new Span(start, end, longest.type()));
                start = s.start();
                end = s.end();
                longest = s;
            }
        }
        out.add(new Span(start, end, longest.type()));
        return out;
    }
}
