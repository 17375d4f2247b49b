package org.medgo.gateway.operations.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.medgo.gateway.operations.citation.CitedText;
import org.medgo.gateway.operations.composition.Draft;

/**
 * The differential JSON of {@code config/prompts/differential-v2.schema.json} (supporting and opposing findings
 * with the record keys they cite; v1's plain strings read as findings citing nothing). The likelihood is a code
 * of the schema's enum, not free text, so re-identification leaves it alone.
 */
public record DifferentialDraft(List<Candidate> differentials) implements Draft<DifferentialDraft> {

    /** One diagnosis the model considers, with the findings for and against it and the tests it suggests. */
    public record Candidate(String condition, String likelihood, List<CitedText> supporting, List<CitedText> opposing,
                            List<String> nextTests) {

        Candidate mapTexts(UnaryOperator<String> text) {
            return new Candidate(text.apply(condition), likelihood, supporting.stream().map(s -> s.mapText(text)).toList(),
                    opposing.stream().map(s -> s.mapText(text)).toList(), nextTests.stream().map(text).toList());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public DifferentialDraft {
        differentials = List.copyOf(differentials);
    }

    public static DifferentialDraft parse(String modelJson) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (Exception e) {
            throw new IllegalStateException("the model output is not the differential JSON", e);
        }
        List<Candidate> candidates = new ArrayList<>();
        for (JsonNode d : root.path("differentials")) {
            candidates.add(new Candidate(d.path("condition").asText(""), d.path("likelihood").asText("low"),
                    CitedText.listOf(d.path("supporting"), "finding"), CitedText.listOf(d.path("opposing"), "finding"),
                    texts(d.path("nextTests"))));
        }
        return new DifferentialDraft(candidates);
    }

    @Override
    public DifferentialDraft mapTexts(UnaryOperator<String> text) {
        return new DifferentialDraft(differentials.stream().map(c -> c.mapTexts(text)).toList());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText("")));
        return out;
    }
}
