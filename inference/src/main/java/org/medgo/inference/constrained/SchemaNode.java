package org.medgo.inference.constrained;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subset of JSON Schema the constrained decoder enforces, compiled: object (properties, required;
 * no additional properties), array (items, minItems, maxItems), string (maxLength), number, integer,
 * boolean, null, enum, const. Each node knows the fewest bytes of a valid value, which lets the decoder
 * refuse tokens that could no longer be finished within the token budget.
 */
sealed interface SchemaNode {

    /** Caps that keep output finite when the schema sets none (a random-weight model never stops on its own). */
    int DEFAULT_MAX_ITEMS = 32;
    int DEFAULT_MAX_STRING = 256;
    int MAX_NUMBER_DIGITS = 15;
    int MAX_PROPERTIES = 64;
    int MAX_DEPTH = 16;

    int minLength();

    record Property(String name, byte[] key, SchemaNode value, boolean required) {
        /** {@code "name":value} */
        int minLength() {
            return key.length + 2 + 1 + value.minLength();
        }
    }

    record ObjectNode(List<Property> properties) implements SchemaNode {
        @Override
        public int minLength() {
            int n = 2;
            int req = 0;
            for (Property p : properties) {
                if (p.required()) {
                    n += p.minLength();
                    req++;
                }
            }
            return n + Math.max(0, req - 1);
        }
    }

    record ArrayNode(SchemaNode items, int minItems, int maxItems) implements SchemaNode {
        @Override
        public int minLength() {
            return 2 + minItems * items.minLength() + Math.max(0, minItems - 1);
        }
    }

    record StringNode(int maxLength) implements SchemaNode {
        @Override
        public int minLength() {
            return 2;
        }
    }

    record NumberNode(boolean integer) implements SchemaNode {
        @Override
        public int minLength() {
            return 1;
        }
    }

    /** A closed set of JSON values, each as its exact compact serialization. */
    record LiteralNode(List<byte[]> literals) implements SchemaNode {
        @Override
        public int minLength() {
            return literals.stream().mapToInt(b -> b.length).min().orElseThrow();
        }
    }

    static SchemaNode compile(String schemaJson) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(schemaJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("the JSON Schema is not valid JSON: " + e.getMessage(), e);
        }
        return compile(root, 0, "#");
    }

    private static SchemaNode compile(JsonNode s, int depth, String path) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("JSON Schema nests deeper than " + MAX_DEPTH + " at " + path);
        }
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException("JSON Schema at " + path + " must be an object");
        }
        ObjectMapper mapper = new ObjectMapper();
        if (s.has("const")) {
            return new LiteralNode(List.of(serialize(mapper, s.get("const"))));
        }
        if (s.has("enum")) {
            JsonNode e = s.get("enum");
            if (!e.isArray() || e.isEmpty()) {
                throw new IllegalArgumentException("\"enum\" at " + path + " must be a non-empty array");
            }
            List<byte[]> lits = new ArrayList<>();
            Set<String> unique = new HashSet<>();
            for (JsonNode v : e) {
                byte[] b = serialize(mapper, v);
                if (unique.add(new String(b, StandardCharsets.UTF_8))) {
                    lits.add(b);
                }
            }
            return new LiteralNode(List.copyOf(lits));
        }
        String type = s.path("type").asText("");
        if (type.isEmpty() && s.has("properties")) {
            type = "object";
        }
        return switch (type) {
            case "object" -> object(s, depth, path);
            case "array" -> {
                if (!s.has("items")) {
                    throw new IllegalArgumentException("array at " + path + " needs \"items\"");
                }
                int min = s.path("minItems").asInt(0);
                int max = s.has("maxItems") ? s.get("maxItems").asInt() : Math.max(min, DEFAULT_MAX_ITEMS);
                if (min < 0 || max < min || max > 10_000) {
                    throw new IllegalArgumentException("bad minItems/maxItems at " + path);
                }
                yield new ArrayNode(compile(s.get("items"), depth + 1, path + "/items"), min, max);
            }
            case "string" -> {
                int max = s.has("maxLength") ? s.get("maxLength").asInt() : DEFAULT_MAX_STRING;
                if (max < 0) {
                    throw new IllegalArgumentException("bad maxLength at " + path);
                }
                yield new StringNode(max);
            }
            case "number" -> new NumberNode(false);
            case "integer" -> new NumberNode(true);
            case "boolean" -> new LiteralNode(List.of(bytes("true"), bytes("false")));
            case "null" -> new LiteralNode(List.of(bytes("null")));
            default -> throw new IllegalArgumentException("unsupported or missing \"type\" at " + path + ": \"" + type
                    + "\" (supported: object, array, string, number, integer, boolean, null, enum, const)");
        };
    }

    private static SchemaNode object(JsonNode s, int depth, String path) {
        JsonNode props = s.path("properties");
        Set<String> required = new HashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        List<Property> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byte[] key = serialize(new ObjectMapper(), new ObjectMapper().getNodeFactory().textNode(e.getKey()));
            byte[] inner = java.util.Arrays.copyOfRange(key, 1, key.length - 1);
            list.add(new Property(e.getKey(), inner, compile(e.getValue(), depth + 1, path + "/properties/" + e.getKey()),
                    required.contains(e.getKey())));
        }
        for (String r : required) {
            if (list.stream().noneMatch(p -> p.name().equals(r))) {
                throw new IllegalArgumentException("required property \"" + r + "\" at " + path + " is not in properties");
            }
        }
        if (list.size() > MAX_PROPERTIES) {
            throw new IllegalArgumentException("more than " + MAX_PROPERTIES + " properties at " + path);
        }
        return new ObjectNode(List.copyOf(list));
    }

    private static byte[] serialize(ObjectMapper mapper, JsonNode v) {
        try {
            return mapper.writeValueAsBytes(v);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
