package org.medgo.deidentify.leak;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.medgo.deidentify.DeidSession.SurrogateEntry;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.vault.VaultEntries;

/**
 * Scans model output BEFORE re-identification for identifiers the model should not have: any PHI span
 * that is not one of the request's own surrogates, and any original value from the vault appearing
 * verbatim (de-identification missed it, or the model guessed it). Dates are expected (they are shifted)
 * and pass. Flagged spans are replaced with {@code [REDACTED_TYPE]}.
 */
public final class LeakScanner {
    private static final Pattern SURROGATE = Pattern.compile("\\[[A-Z_]+_\\d+]");
    private static final Set<PhiType> EXPECTED = Set.of(PhiType.DATE);
    private final TextDeidentifier detector;

    public LeakScanner(TextDeidentifier detector) {
        this.detector = detector;
    }

    public static LeakScanner standard() {
        return new LeakScanner(TextDeidentifier.standard());
    }

    public LeakReport scan(String output, VaultEntries vault) {
        Map<String, SurrogateEntry> known = vault.bySurrogate();
        List<Span> leaks = new ArrayList<>();
        for (Span s : detector.detect(output, Language.AUTO)) {
            String value = output.substring(s.start(), s.end());
            if (EXPECTED.contains(s.type()) || known.containsKey(value) || SURROGATE.matcher(value).matches()
                    || value.equals("90+")) {
                continue;
            }
            leaks.add(s);
        }
        for (SurrogateEntry e : vault.entries()) {
            String o = e.original();
            if (o.length() < 2 || o.length() < 4 && !Character.isIdeographic(o.codePointAt(0))) {
                continue;
            }
            int from = 0;
            int at;
            while ((at = output.indexOf(o, from)) >= 0) {
                leaks.add(new Span(at, at + o.length(), e.type()));
                from = at + o.length();
            }
        }
        if (leaks.isEmpty()) {
            return new LeakReport(output, List.of(), Map.of());
        }
        List<Span> merged = mergeSpans(leaks);
        Map<PhiType, Integer> counts = new EnumMap<>(PhiType.class);
        StringBuilder sb = new StringBuilder(output.length());
        int pos = 0;
        for (Span s : merged) {
            sb.append(output, pos, s.start()).append("[REDACTED_").append(s.type().name()).append(']');
            counts.merge(s.type(), 1, Integer::sum);
            pos = s.end();
        }
        sb.append(output, pos, output.length());
        return new LeakReport(sb.toString(), merged, counts);
    }

    private static List<Span> mergeSpans(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(null);
        List<Span> out = new ArrayList<>();
        for (Span s : sorted) {
            if (!out.isEmpty() && out.getLast().end() > s.start()) {
                Span last = out.removeLast();
                out.add(new Span(last.start(), Math.max(last.end(), s.end()), last.length() >= s.length() ? last.type() : s.type()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
