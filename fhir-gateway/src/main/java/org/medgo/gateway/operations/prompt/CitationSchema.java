package org.medgo.gateway.operations.prompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A template's JSON schema made for one record: every {@code {"x-medgo-citations": N}} becomes an array of at
 * most N keys, each an {@code enum} of exactly the keys of this record. The constrained decoder then cannot
 * emit a key the record does not have, so a citation can never point at something the model did not read.
 * Schemas without the marker (v1) are returned unchanged.
 */
public final class CitationSchema {

    static final String MARKER = "x-medgo-citations";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CitationSchema() {}

    public static String forRecord(String schemaJson, List<String> keys) {
        if (!schemaJson.contains(MARKER)) {
            return schemaJson;
        }
        try {
            JsonNode root = JSON.readTree(schemaJson);
            return JSON.writeValueAsString(expand(root, keys));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("prompt schema is not JSON", e);
        }
    }

    private static JsonNode expand(JsonNode node, List<String> keys) {
        if (node instanceof ObjectNode object) {
            if (object.has(MARKER)) {
                return citations(object.get(MARKER).asInt(), keys);
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(expand(field.getValue(), keys));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, expand(array.get(i), keys));
            }
        }
        return node;
    }

    private static ObjectNode citations(int maxItems, List<String> keys) {
        ObjectNode array = JSON.createObjectNode().put("type", "array");
        if (keys.isEmpty()) {
            // nothing citable (an enum must not be empty): the only valid list is the empty one
            array.put("maxItems", 0).putObject("items").put("type", "string");
            return array;
        }
        array.put("maxItems", maxItems);
        ArrayNode values = array.putObject("items").putArray("enum");
        keys.forEach(values::add);
        return array;
    }
}
