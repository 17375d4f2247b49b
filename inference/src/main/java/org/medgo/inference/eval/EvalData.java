package org.medgo.inference.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the common benchmark formats into {@link EvalItem}s.
 * <ul>
 *   <li>multiple choice, one JSON object per line: MedQA ({@code question}, {@code options} as an object
 *       {@code {"A": ...}} or a list, {@code answer_idx} letter, {@code meta_info}); MedMCQA ({@code opa..opd},
 *       {@code cop} 1-based index, {@code subject_name}); MMLU-Pro ({@code options} list, {@code answer} letter or
 *       {@code answer_index}, {@code category});</li>
 *   <li>PubMedQA's {@code ori_pqal.json}: {@code {PMID: {QUESTION, CONTEXTS, final_decision}}}, answers yes/no/maybe.</li>
 * </ul>
 */
public final class EvalData {

    static final String LETTERS = "ABCDEFGHIJKLMNOP";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalData() {}

    public static List<EvalItem> multipleChoice(Path file) throws IOException {
        List<EvalItem> items = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                items.add(multipleChoice(JSON.readTree(lines.get(i)), Integer.toString(i + 1)));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(file.getFileName() + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return items;
    }

    static EvalItem multipleChoice(JsonNode row, String line) {
        String question = text(row, "question");
        List<String> options = new ArrayList<>();
        JsonNode opts = row.get("options");
        if (opts != null && opts.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = opts.fields(); it.hasNext(); ) {
                options.add(it.next().getValue().asText());
            }
        } else if (opts != null && opts.isArray()) {
            opts.forEach(o -> options.add(o.asText()));
        } else {
            for (String key : List.of("opa", "opb", "opc", "opd", "ope")) {
                if (row.hasNonNull(key)) {
                    options.add(row.get(key).asText());
                }
            }
        }
        if (options.size() < 2 || options.size() > LETTERS.length()) {
            throw new IllegalArgumentException("expected 2 to " + LETTERS.length() + " options, found " + options.size());
        }
        List<String> labels = new ArrayList<>();
        for (int k = 0; k < options.size(); k++) {
            labels.add(String.valueOf(LETTERS.charAt(k)));
        }
        String id = row.hasNonNull("id") ? row.get("id").asText() : row.hasNonNull("question_id") ? row.get("question_id").asText() : line;
        return new EvalItem(id, question, labels, options, gold(row, labels), subject(row));
    }

    private static String gold(JsonNode row, List<String> labels) {
        if (row.hasNonNull("answer_idx") && row.get("answer_idx").isTextual() && labels.contains(row.get("answer_idx").asText())) {
            return row.get("answer_idx").asText();
        }
        if (row.hasNonNull("cop")) { // MedMCQA: 1-based option number
            return labels.get(row.get("cop").asInt() - 1);
        }
        if (row.hasNonNull("answer_index")) {
            return labels.get(row.get("answer_index").asInt());
        }
        if (row.hasNonNull("answer") && labels.contains(row.get("answer").asText())) {
            return row.get("answer").asText();
        }
        throw new IllegalArgumentException("no answer (answer_idx, cop, answer_index or a letter in answer)");
    }

    private static String subject(JsonNode row) {
        for (String key : List.of("subject", "subject_name", "category", "meta_info")) {
            if (row.hasNonNull(key) && !row.get(key).asText().isBlank()) {
                return row.get(key).asText();
            }
        }
        return "all";
    }

    public static List<EvalItem> pubmedQa(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (!root.isObject()) {
            throw new IllegalArgumentException(file.getFileName() + ": expected PubMedQA's {PMID: {...}} object");
        }
        List<EvalItem> items = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode row = e.getValue();
            StringBuilder context = new StringBuilder();
            row.path("CONTEXTS").forEach(c -> context.append(c.asText()).append('\n'));
            String question = "Context:\n" + context + "\nQuestion: " + text(row, "QUESTION");
            items.add(new EvalItem(e.getKey(), question, List.of("yes", "no", "maybe"), List.of(),
                    text(row, "final_decision").toLowerCase(java.util.Locale.ROOT), "PubMedQA"));
        }
        return items;
    }

    private static String text(JsonNode row, String field) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v.asText();
    }
}
