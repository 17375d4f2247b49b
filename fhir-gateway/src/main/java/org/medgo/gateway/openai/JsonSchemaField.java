package org.medgo.gateway.openai;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JSON Schema a completion must follow: OpenAI's {@code response_format: {"type": "json_schema",
 * "json_schema": {"schema": ...}}} or vLLM's {@code guided_json} (an object or its text). The constrained
 * decoder then guarantees the output parses and validates. {@code json_object} (any JSON) is refused: the
 * decoder needs a schema.
 */
final class JsonSchemaField {

    private JsonSchemaField() {}

    static String of(JsonNode body) {
        JsonNode guided = body.get("guided_json");
        if (guided != null && !guided.isNull()) {
            return guided.isTextual() ? guided.asText() : requireObject(guided, "guided_json").toString();
        }
        JsonNode format = body.get("response_format");
        if (format == null || format.isNull()) {
            return null;
        }
        String type = format.path("type").asText();
        return switch (type) {
            case "text" -> null;
            case "json_schema" -> requireObject(format.path("json_schema").get("schema"), "response_format.json_schema.schema").toString();
            case "json_object" -> throw ApiError.badRequest("response_format",
                    "json_object is not supported: send type json_schema with a schema (the decoder follows a schema)");
            default -> throw ApiError.badRequest("response_format", "response_format.type must be text or json_schema");
        };
    }

    private static JsonNode requireObject(JsonNode node, String param) {
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(param, param + " must be a JSON Schema object");
        }
        return node;
    }
}
