package org.medgo.deidentify.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.PhiType;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;

/**
 * Runs the text de-identifier over a labelled corpus and measures, per type:
 * recall = share of gold PHI occurrences whose value no longer appears anywhere in the output;
 * precision = share of replaced spans that overlap a gold PHI span;
 * over-redaction = share of replaced spans of that type that hit no PHI (1 − precision for the type);
 * and hard-negative survival = share of must-keep clinical terms still present verbatim.
 *
 * <p>{@code java -cp ... org.medgo.deidentify.eval.Evaluation [notesPerLanguage] [seed]} prints the table.
 */
public final class Evaluation {
    private Evaluation() {
    }

    /** Counts for one type. */
    public record TypeCounts(int gold, int removed, int predicted, int predictedOnPhi) {
        public double recall() {
            return gold == 0 ? 1 : (double) removed / gold;
        }

        public double precision() {
            return predicted == 0 ? 1 : (double) predictedOnPhi / predicted;
        }

        public double overRedaction() {
            return predicted == 0 ? 0 : 1 - precision();
        }
    }

    /** Metrics of one corpus. */
    public record Report(String corpus, int notes, Map<PhiType, TypeCounts> byType, int mustKeep, int mustKeepKept,
            List<String> missedExamples, List<String> falsePositiveExamples) {
        public double recall() {
            int g = 0, r = 0;
            for (TypeCounts c : byType.values()) {
                g += c.gold();
                r += c.removed();
            }
            return g == 0 ? 1 : (double) r / g;
        }

        public double structuredRecall() {
            int g = 0, r = 0;
            for (Map.Entry<PhiType, TypeCounts> e : byType.entrySet()) {
                if (e.getKey().structured()) {
                    g += e.getValue().gold();
                    r += e.getValue().removed();
                }
            }
            return g == 0 ? 1 : (double) r / g;
        }

        public double precision() {
            int p = 0, t = 0;
            for (TypeCounts c : byType.values()) {
                p += c.predicted();
                t += c.predictedOnPhi();
            }
            return p == 0 ? 1 : (double) t / p;
        }

        public double hardNegativeSurvival() {
            return mustKeep == 0 ? 1 : (double) mustKeepKept / mustKeep;
        }

        public String format() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("corpus %s: %d notes%n", corpus, notes));
            sb.append(String.format("  %-13s %6s %8s %9s %10s %9s%n", "type", "gold", "recall", "predicted", "precision", "over-red."));
            byType.forEach((t, c) -> sb.append(String.format("  %-13s %6d %7.2f%% %9d %9.2f%% %8.2f%%%n", t, c.gold(),
                    100 * c.recall(), c.predicted(), 100 * c.precision(), 100 * c.overRedaction())));
            sb.append(String.format("  overall recall %.3f%%, structured-identifier recall %.3f%%, precision %.2f%%, "
                    + "hard negatives kept %d/%d (%.2f%%)%n", 100 * recall(), 100 * structuredRecall(), 100 * precision(),
                    mustKeepKept, mustKeep, 100 * hardNegativeSurvival()));
            return sb.toString();
        }
    }

    public static Report run(String name, List<LabelledNote> notes, Language language) {
        TextDeidentifier deid = TextDeidentifier.standard();
        DeidSecrets secrets = DeidSecrets.of(new byte[32]);
        Map<PhiType, int[]> acc = new EnumMap<>(PhiType.class);
        int keep = 0, kept = 0;
        List<String> missed = new ArrayList<>();
        List<String> falsePositives = new ArrayList<>();
        for (LabelledNote note : notes) {
            TextResult r = deid.deidentify(note.text(), language, DeidSession.newRequest(secrets));
            for (LabelledNote.Phi p : note.phi()) {
                int[] a = acc.computeIfAbsent(p.type(), t -> new int[4]);
                a[0]++;
                if (removed(p, r)) {
                    a[1]++;
                } else if (missed.size() < 40) {
                    missed.add(p.type() + " '" + p.value() + "' in " + note.id());
                }
            }
            for (Span s : r.spans()) {
                int[] a = acc.computeIfAbsent(s.type(), t -> new int[4]);
                a[2]++;
                boolean onPhi = note.phi().stream().anyMatch(p -> p.start() < s.end() && s.start() < p.end());
                if (onPhi) {
                    a[3]++;
                } else if (falsePositives.size() < 40) {
                    falsePositives.add(s.type() + " '" + note.text().substring(s.start(), s.end()) + "' in " + note.id());
                }
            }
            for (String term : note.mustKeep()) {
                keep++;
                if (r.text().contains(term)) {
                    kept++;
                } else if (falsePositives.size() < 40) {
                    falsePositives.add("hard negative altered: '" + term + "' in " + note.id());
                }
            }
        }
        Map<PhiType, TypeCounts> byType = new EnumMap<>(PhiType.class);
        acc.forEach((t, a) -> byType.put(t, new TypeCounts(a[0], a[1], a[2], a[3])));
        return new Report(name, notes.size(), byType, keep, kept, missed, falsePositives);
    }

    /**
     * The value no longer appears in the output. For values of one or two characters (a bare age, a
     * two-letter name) a substring test would be noise (the "93" of a shifted 1993), so those count as
     * removed when the replaced spans cover them completely.
     */
    private static boolean removed(LabelledNote.Phi p, TextResult r) {
        if (p.value().length() >= 3) {
            return !appears(r.text(), p.value());
        }
        int covered = p.start();
        for (Span s : r.spans()) {
            if (s.start() <= covered && s.end() > covered) {
                covered = s.end();
            }
        }
        return covered >= p.end();
    }

    /** Whole-token occurrence: "1997/2/1" does not appear in "1997/2/12". */
    static boolean appears(String text, String value) {
        int from = 0;
        int at;
        while ((at = text.indexOf(value, from)) >= 0) {
            int end = at + value.length();
            boolean left = at == 0 || !Character.isLetterOrDigit(value.charAt(0)) || !Character.isLetterOrDigit(text.charAt(at - 1))
                    || Character.isIdeographic(text.charAt(at - 1));
            boolean right = end == text.length() || !Character.isLetterOrDigit(value.charAt(value.length() - 1))
                    || !Character.isLetterOrDigit(text.charAt(end)) || Character.isIdeographic(text.charAt(end));
            if (left && right) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20260101L;
        for (Report r : List.of(run("english", SyntheticCorpus.english(n, seed), Language.AUTO),
                run("chinese", SyntheticCorpus.chinese(n, seed + 1), Language.AUTO),
                run("mixed", SyntheticCorpus.mixed(n / 3, seed + 2), Language.AUTO),
                run("stress: names without any cue (not a target)", SyntheticCorpus.uncuedNames(n, seed + 3), Language.AUTO))) {
            System.out.print(r.format());
            if (args.length > 2) {
                r.missedExamples().forEach(m -> System.out.println("    missed: " + m));
                r.falsePositiveExamples().forEach(m -> System.out.println("    false+: " + m));
            }
        }
    }
}
