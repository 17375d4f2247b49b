package org.medgo.inference.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy with a 95% Wilson score interval, overall and per subject, as JSON and as a Markdown table
 * shaped like a model card's benchmark table.
 */
public final class EvalReport {

    /** One scored item: {@code predicted} is null when no answer could be read from the text. */
    public record Scored(EvalItem item, String predicted) {
        public boolean correct() {
            return item.gold().equals(predicted);
        }
    }

    /** Correct out of total, with its 95% Wilson interval. */
    public record Accuracy(int correct, int total) {
        public double value() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }

        /** Wilson score interval at z = 1.96: unlike p ± 1.96·SE it stays inside [0, 1] and works at p = 0 or 1. */
        public double[] ci95() {
            if (total == 0) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double z = 1.959963984540054;
            double p = value();
            double n = total;
            double denom = 1 + z * z / n;
            double centre = (p + z * z / (2 * n)) / denom;
            double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
            return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
        }
    }

    private final String task;
    private final String model;
    private final String extraction;
    private final List<Scored> scored;
    private final double seconds;

    public EvalReport(String task, String model, String extraction, List<Scored> scored, double seconds) {
        this.task = task;
        this.model = model;
        this.extraction = extraction;
        this.scored = List.copyOf(scored);
        this.seconds = seconds;
    }

    public Accuracy overall() {
        return new Accuracy((int) scored.stream().filter(Scored::correct).count(), scored.size());
    }

    public Map<String, Accuracy> bySubject() {
        Map<String, int[]> counts = new TreeMap<>();
        for (Scored s : scored) {
            int[] c = counts.computeIfAbsent(s.item().subject(), k -> new int[2]);
            c[0] += s.correct() ? 1 : 0;
            c[1]++;
        }
        Map<String, Accuracy> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, new Accuracy(c[0], c[1])));
        return out;
    }

    public long unparsed() {
        return scored.stream().filter(s -> s.predicted() == null).count();
    }

    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode root = json.createObjectNode().put("task", task).put("model", model).put("extraction", extraction)
                .put("seconds", Math.round(seconds * 10) / 10.0).put("unparsed", unparsed());
        accuracy(root.putObject("overall"), overall());
        ObjectNode subjects = root.putObject("subjects");
        bySubject().forEach((k, a) -> accuracy(subjects.putObject(k), a));
        var items = root.putArray("items");
        for (Scored s : scored) {
            items.addObject().put("id", s.item().id()).put("subject", s.item().subject()).put("gold", s.item().gold())
                    .put("predicted", s.predicted()).put("correct", s.correct());
        }
        return root;
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| Benchmark | ").append(model).append(" | 95% CI | n |\n|---|---|---|---|\n");
        row(md, task, overall());
        if (bySubject().size() > 1) {
            md.append("\n| ").append(task).append(" subject | accuracy | 95% CI | n |\n|---|---|---|---|\n");
            bySubject().forEach((k, a) -> row(md, k, a));
        }
        md.append("\nAnswers read by ").append(extraction).append(", ").append(unparsed()).append(" unparsed, ")
                .append(String.format(Locale.ROOT, "%.1f", seconds)).append(" s.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String name, Accuracy a) {
        double[] ci = a.ci95();
        md.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f–%.1f | %d |%n", name, 100 * a.value(), 100 * ci[0], 100 * ci[1], a.total()));
    }

    private static void accuracy(ObjectNode node, Accuracy a) {
        double[] ci = a.ci95();
        node.put("correct", a.correct()).put("total", a.total()).put("accuracy", a.value())
                .put("ci95Low", ci[0]).put("ci95High", ci[1]);
    }
}
