package org.medgo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes API's JSON schemas, as fabric8 generates them from the Go types into its model jars
 * ({@code schema/validation-schema.json}), merged into one document and made strict the way
 * kubeconform's "-strict" schemas are: an object that lists its properties accepts no others, so a
 * misspelt field in a template fails instead of being dropped silently by the API server.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;
    private final Map<String, String> definitionByKind;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private final Map<String, JsonSchema> compiled = new HashMap<>();

    private KubernetesSchemas(ObjectNode root, Map<String, String> definitionByKind) {
        this.root = root;
        this.definitionByKind = definitionByKind;
    }

    static KubernetesSchemas load() {
        ObjectNode definitions = JsonNodeFactory.instance.objectNode();
        try {
            for (URL url : Collections.list(KubernetesSchemas.class.getClassLoader().getResources("schema/validation-schema.json"))) {
                try (InputStream in = url.openStream()) {
                    definitions.setAll((ObjectNode) JSON.readTree(in).get("definitions"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (definitions.isEmpty()) {
            throw new IllegalStateException("no Kubernetes schemas on the class path (fabric8 kubernetes-model jars)");
        }
        // fabric8 models these two as Java objects (under a name per API group); on the wire they are scalars
        List<String> names = new ArrayList<>();
        definitions.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (name.endsWith("_IntOrString")) {
                definitions.set(name, scalar("string", "integer"));
            } else if (name.endsWith("_Quantity")) {
                definitions.set(name, scalar("string", "integer", "number"));
            }
        }
        Map<String, String> byKind = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> definition = it.next();
            makeStrict(definition.getValue());
            JsonNode properties = definition.getValue().path("properties");
            String apiVersion = properties.path("apiVersion").path("default").asText("");
            String kind = properties.path("kind").path("default").asText("");
            if (!apiVersion.isEmpty() && !kind.isEmpty()) {
                byKind.put(apiVersion + "/" + kind, definition.getKey());
            }
        }
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.set("definitions", definitions);
        return new KubernetesSchemas(root, byKind);
    }

    /** The schema violations of one manifest; throws if no schema knows its apiVersion and kind. */
    List<String> violations(JsonNode manifest) {
        String key = manifest.path("apiVersion").asText() + "/" + manifest.path("kind").asText();
        String definition = definitionByKind.get(key);
        if (definition == null) {
            throw new IllegalArgumentException("no Kubernetes schema for " + key);
        }
        JsonSchema schema = compiled.computeIfAbsent(definition, this::compile);
        List<String> messages = new ArrayList<>();
        for (ValidationMessage message : schema.validate(manifest)) {
            messages.add(key + " " + manifest.path("metadata").path("name").asText() + ": " + message.getMessage());
        }
        return messages;
    }

    boolean knows(String apiVersion, String kind) {
        return definitionByKind.containsKey(apiVersion + "/" + kind);
    }

    private JsonSchema compile(String definition) {
        ObjectNode document = root.deepCopy();
        document.put("$ref", "#/definitions/" + definition);
        document.withArray("required").add("apiVersion").add("kind").add("metadata");
        return factory.getSchema(document, SchemaValidatorsConfig.builder().build());
    }

    private static ObjectNode scalar(String... types) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode array = node.putArray("type");
        for (String type : types) {
            array.add(type);
        }
        return node;
    }

    private static final Set<String> JAVA_ONLY = Set.of("javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty");

    /** Drops fabric8's Java keywords and draft-3 boolean "required"; closes objects that list their properties. */
    private static void makeStrict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(JAVA_ONLY);
            if (object.path("required").isBoolean()) {
                object.remove("required");
            }
            if (object.has("properties") && object.path("additionalProperties").isBoolean()) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(KubernetesSchemas::makeStrict);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(KubernetesSchemas::makeStrict);
        }
    }
}
