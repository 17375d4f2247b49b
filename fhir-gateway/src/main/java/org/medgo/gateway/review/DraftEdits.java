package org.medgo.gateway.review;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a clinician changed in a draft before signing it: per section the original and the final text, and
 * the draft's edit ratio = changed tokens (removed + added) / (original + final tokens), from 0 (approved as
 * written) to 1 (all rewritten). Tokens are words, and single Han characters (Chinese has no spaces), so the
 * ratio means the same in both languages. The ratio over time is the simplest signal of the model's quality.
 */
record DraftEdits(List<SectionEdit> sections, int changedTokens, int totalTokens) {

    /** One section as the model wrote it and as the clinician signed it. */
    record SectionEdit(String title, String original, String revised) {}

    private static final Pattern TOKEN = Pattern.compile("\\p{IsHan}|[\\p{L}\\p{N}]+|[^\\s\\p{L}\\p{N}]");
    /** Beyond this many tokens a section counts as wholly changed rather than diffed (quadratic time). */
    private static final int MAX_DIFF_TOKENS = 5_000;

    DraftEdits {
        sections = List.copyOf(sections);
    }

    static DraftEdits none() {
        return new DraftEdits(List.of(), 0, 0);
    }

    /** @param originals and {@code finals}: the plain text of each section, in order; {@code titles} likewise */
    static DraftEdits of(List<String> titles, List<String> originals, List<String> finals) {
        List<SectionEdit> edited = new ArrayList<>();
        int changed = 0;
        int total = 0;
        for (int i = 0; i < originals.size(); i++) {
            List<String> a = tokens(originals.get(i));
            List<String> b = tokens(finals.get(i));
            int common = commonTokens(a, b);
            changed += a.size() + b.size() - 2 * common;
            total += a.size() + b.size();
            if (!a.equals(b)) {
                edited.add(new SectionEdit(titles.get(i), originals.get(i), finals.get(i)));
            }
        }
        return new DraftEdits(edited, changed, total);
    }

    double ratio() {
        return totalTokens == 0 ? 0.0 : (double) changedTokens / totalTokens;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** Length of the longest common subsequence (two rows of the classic table). */
    static int commonTokens(List<String> a, List<String> b) {
        if (a.size() > MAX_DIFF_TOKENS || b.size() > MAX_DIFF_TOKENS) {
            return a.equals(b) ? a.size() : 0;
        }
        int[] previous = new int[b.size() + 1];
        int[] row = new int[b.size() + 1];
        for (String x : a) {
            for (int j = 1; j <= b.size(); j++) {
                row[j] = x.equals(b.get(j - 1)) ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]);
            }
            int[] t = previous;
            previous = row;
            row = t;
        }
        return previous[b.size()];
    }
}
