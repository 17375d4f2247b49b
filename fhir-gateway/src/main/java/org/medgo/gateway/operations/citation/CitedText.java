package org.medgo.gateway.operations.citation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A statement or finding the model wrote and the record keys it cites ({@code C3}, {@code N2:4}). The keys are
 * not text a clinician reads: re-identification maps the text only.
 */
public record CitedText(String text, List<String> keys) {

    public CitedText {
        keys = List.copyOf(keys);
    }

    public CitedText mapText(UnaryOperator<String> f) {
        return new CitedText(f.apply(text), keys);
    }

    /**
     * A v2 list of {@code {<textField>, "sources"}}; a v1 value (one string, or a list of strings) is text citing nothing.
     */
    public static List<CitedText> listOf(JsonNode node, String textField) {
        List<CitedText> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(new CitedText(node.asText(), List.of()));
            return out;
        }
        node.forEach(n -> {
            if (n.isTextual()) {
                out.add(new CitedText(n.asText(), List.of()));
            } else {
                List<String> keys = new ArrayList<>();
                n.path("sources").forEach(k -> keys.add(k.asText()));
                out.add(new CitedText(n.path(textField).asText(""), keys));
            }
        });
        return out;
    }
}
