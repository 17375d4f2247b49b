package org.medgo.gateway.operations.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.UnaryOperator;
import org.medgo.gateway.operations.composition.Draft;

/** The summary JSON of {@code config/prompts/summarize-v1.schema.json}; a missing field is empty. */
public record SummaryDraft(String course, String diagnoses, String medications, String plan) implements Draft<SummaryDraft> {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static SummaryDraft parse(String modelJson) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (Exception e) {
            throw new IllegalStateException("the model output is not the summary JSON", e);
        }
        return new SummaryDraft(root.path("course").asText(""), root.path("diagnoses").asText(""),
                root.path("medications").asText(""), root.path("plan").asText(""));
    }

    @Override
    public SummaryDraft mapTexts(UnaryOperator<String> text) {
        return new SummaryDraft(text.apply(course), text.apply(diagnoses), text.apply(medications), text.apply(plan));
    }
}
