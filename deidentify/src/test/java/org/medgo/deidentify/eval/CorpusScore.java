package org.medgo.deidentify.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.medgo.deidentify.DeidSecrets;
import org.medgo.deidentify.DeidSession;
import org.medgo.deidentify.text.Language;
import org.medgo.deidentify.text.Span;
import org.medgo.deidentify.text.TextDeidentifier;
import org.medgo.deidentify.text.TextResult;

/**
 * Scores the text de-identifier on a {@link LabelledCorpus}, per labelled type:
 * <ul>
 * <li>left = the value still appears verbatim (whole-token) in the output — the issue-13 measure;</li>
 * <li>partly left = some of its characters are outside every replaced span ("Dr. [NAME_1] R.");</li>
 * <li>PHI-free notes altered = notes without a phi value whose output differs from the input;</li>
 * <li>keep values altered = labelled non-identifiers (job titles, nationalities, years) no longer verbatim.</li>
 * </ul>
 * {@code java -cp ... org.medgo.deidentify.eval.CorpusScore [file.jsonl ...] [-v]} (no file: the shipped public corpus).
 */
public final class CorpusScore {
    static final String PRESIDIO = "presidio-synth-v2.jsonl";
    static final String HELD_OUT = "heldout-en-notes.txt";
    static final String HELD_OUT_2 = "heldout-en-notes-2.txt";
    static final String PHI_FREE_DEV = "phi-free-en-dev.txt";
    static final String PHI_FREE_HOLDOUT = "phi-free-en-holdout.txt";
    /** PubMedQA questions: PHI-free medical English nobody here wrote, the development set for over-redaction. */
    static final String PUBMEDQA_QUESTIONS = "pubmedqa-questions.jsonl";
    /** PubMedQA long answers: the held-out set for over-redaction (measured, never tuned on). */
    static final String PUBMEDQA_ANSWERS = "pubmedqa-long-answers.jsonl";
    /** MedQuAD answers (NIH consumer-health pages): a second development set for over-redaction, plain-language. */
    static final String MEDQUAD_ANSWERS = "medquad-answers.jsonl";

    /** Counts for one type. */
    record Row(int gold, int left, int partlyLeft) {
        double leftShare() {
            return gold == 0 ? 0 : (double) left / gold;
        }
    }

    record Report(String corpus, Map<String, Row> rows, int phiFreeNotes, int phiFreeAltered, int keep, int keepAltered,
            List<String> leaks, List<String> altered, List<String> partial) {
        /** Share of phi values left verbatim, over the Safe Harbor types (GPE and companies reported apart). */
        double leftShare() {
            int g = 0;
            int l = 0;
            for (Map.Entry<String, Row> e : rows.entrySet()) {
                if (!e.getKey().equals("GPE") && !e.getKey().equals("ORGANIZATION_COMPANY")) {
                    g += e.getValue().gold();
                    l += e.getValue().left();
                }
            }
            return g == 0 ? 0 : (double) l / g;
        }

        double phiFreeAlteredShare() {
            return phiFreeNotes == 0 ? 0 : (double) phiFreeAltered / phiFreeNotes;
        }

        String format() {
            StringBuilder sb = new StringBuilder("corpus " + corpus + "\n");
            sb.append(String.format(Locale.ROOT, "  %-22s %6s %8s %8s %12s%n", "type", "gold", "left", "left %", "partly left"));
            rows.forEach((t, r) -> sb.append(String.format(Locale.ROOT, "  %-22s %6d %8d %7.2f%% %12d%n", t, r.gold(), r.left(),
                    100 * r.leftShare(), r.partlyLeft())));
            sb.append(String.format(Locale.ROOT, "  PHI values left (Safe Harbor types): %.2f%%; PHI-free notes altered: %d/%d (%.2f%%);"
                    + " labelled non-identifiers altered: %d/%d%n", 100 * leftShare(), phiFreeAltered, phiFreeNotes,
                    100 * phiFreeAlteredShare(), keepAltered, keep));
            return sb.toString();
        }
    }

    private CorpusScore() {
    }

    static Report run(LabelledCorpus corpus, Language language) {
        TextDeidentifier deid = TextDeidentifier.standard();
        DeidSecrets secrets = DeidSecrets.of(new byte[32]);
        Map<String, int[]> counts = new TreeMap<>();
        int phiFree = 0;
        int phiFreeAltered = 0;
        int keep = 0;
        int keepAltered = 0;
        List<String> leaks = new ArrayList<>();
        List<String> altered = new ArrayList<>();
        List<String> partial = new ArrayList<>();
        for (LabelledCorpus.Note n : corpus.notes()) {
            TextResult r = deid.deidentify(n.text(), language, DeidSession.newRequest(secrets));
            for (LabelledCorpus.Value v : n.phi()) {
                int[] c = counts.computeIfAbsent(v.type(), k -> new int[3]);
                c[0]++;
                if (Evaluation.appears(r.text(), v.value().strip())) {
                    c[1]++;
                    leaks.add(v.type() + " '" + v.value() + "' in: " + r.text());
                } else if (!covered(n.text(), v, r.spans())) {
                    c[2]++;
                    partial.add(v.type() + " '" + v.value() + "' in: " + r.text());
                }
            }
            if (n.phi().isEmpty()) {
                phiFree++;
                if (!r.text().equals(n.text())) {
                    phiFreeAltered++;
                    altered.add(r.text());
                }
            }
            for (LabelledCorpus.Value v : n.keep()) {
                keep++;
                if (!r.text().contains(v.value())) {
                    keepAltered++;
                    altered.add(v.type() + " '" + v.value() + "' in: " + r.text());
                }
            }
        }
        Map<String, Row> rows = new TreeMap<>();
        counts.forEach((t, c) -> rows.put(t, new Row(c[0], c[1], c[2])));
        return new Report(corpus.name(), rows, phiFree, phiFreeAltered, keep, keepAltered, leaks, altered, partial);
    }

    /** Every letter and digit of the value lies inside a replaced span. */
    private static boolean covered(String text, LabelledCorpus.Value v, List<Span> spans) {
        for (int i = v.start(); i < v.end(); i++) {
            if (!Character.isLetterOrDigit(text.charAt(i))) {
                continue;
            }
            boolean in = false;
            for (Span s : spans) {
                if (s.start() <= i && i < s.end()) {
                    in = true;
                    break;
                }
            }
            if (!in) {
                return false;
            }
        }
        return true;
    }

    public static void main(String[] args) throws Exception {
        boolean verbose = List.of(args).contains("-v");
        List<LabelledCorpus> corpora = new ArrayList<>();
        for (String a : args) {
            if (!a.equals("-v")) {
                corpora.add(LabelledCorpus.file(Path.of(a)));
            }
        }
        if (corpora.isEmpty()) {
            corpora.add(LabelledCorpus.resource(PRESIDIO));
            corpora.add(LabelledCorpus.resource(HELD_OUT));
            corpora.add(LabelledCorpus.resource(HELD_OUT_2));
            corpora.add(LabelledCorpus.resource(PHI_FREE_DEV));
            corpora.add(LabelledCorpus.resource(PHI_FREE_HOLDOUT));
            corpora.add(LabelledCorpus.resource(PUBMEDQA_QUESTIONS));
            corpora.add(LabelledCorpus.resource(PUBMEDQA_ANSWERS));
            corpora.add(LabelledCorpus.resource(MEDQUAD_ANSWERS));
        }
        for (LabelledCorpus c : corpora) {
            Report r = run(c, Language.EN);
            System.out.print(r.format());
            if (verbose) {
                r.leaks().forEach(l -> System.out.println("    left: " + l));
                r.altered().forEach(l -> System.out.println("    altered: " + l));
            }
        }
    }
}
