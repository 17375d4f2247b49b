package org.medgo.gateway.operations.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.function.UnaryOperator;
import org.medgo.gateway.operations.citation.CitedText;
import org.medgo.gateway.operations.composition.Draft;

/**
 * The summary JSON of {@code config/prompts/summarize-v2.schema.json}: per section a list of statements, each
 * with the record keys it cites; a missing field is empty. A v1 answer (one string per section) reads as one
 * statement citing nothing.
 */
public record SummaryDraft(List<CitedText> course, List<CitedText> diagnoses, List<CitedText> medications, List<CitedText> plan)
        implements Draft<SummaryDraft> {

    private static final ObjectMapper JSON = new ObjectMapper();

    public SummaryDraft {
        course = List.copyOf(course);
        diagnoses = List.copyOf(diagnoses);
        medications = List.copyOf(medications);
        plan = List.copyOf(plan);
    }

    public static SummaryDraft parse(String modelJson) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (Exception e) {
            throw new IllegalStateException("the model output is not the summary JSON", e);
        }
        return new SummaryDraft(CitedText.listOf(root.path("course"), "text"), CitedText.listOf(root.path("diagnoses"), "text"),
                CitedText.listOf(root.path("medications"), "text"), CitedText.listOf(root.path("plan"), "text"));
    }

    @Override
    public SummaryDraft mapTexts(UnaryOperator<String> text) {
        return new SummaryDraft(map(course, text), map(diagnoses, text), map(medications, text), map(plan, text));
    }

    private static List<CitedText> map(List<CitedText> statements, UnaryOperator<String> text) {
        return statements.stream().map(s -> s.mapText(text)).toList();
    }
}
