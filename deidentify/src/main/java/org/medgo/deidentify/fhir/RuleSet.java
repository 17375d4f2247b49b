package org.medgo.deidentify.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.medgo.deidentify.PhiType;

/**
 * A named, versioned set of rules (YAML or JSON; see config/deidentify/default-rules.yaml) plus the
 * defaults: the method for every element of a data type that no rule addressed. The defaults are the
 * safety net: a field the rule author forgot (an extension, a new element) is still scanned, shifted
 * or pseudonymised according to its data type.
 */
public record RuleSet(String name, String version, List<Rule> rules, Map<DataKind, Method> defaults) {
    /** Classpath copy of config/deidentify/default-rules.yaml (copied into the jar at build time). */
    static final String STANDARD_RESOURCE = "/org/medgo/deidentify/fhir/default-rules.yaml";

    /** Data types the defaults are keyed by. */
    public enum DataKind {
        STRING, MARKDOWN, NARRATIVE, DATE, IDENTIFIER, HUMAN_NAME, ADDRESS, CONTACT_POINT, ATTACHMENT, RESOURCE_ID,
        REFERENCE, REFERENCE_DISPLAY
    }

    public RuleSet {
        rules = List.copyOf(rules);
        Map<DataKind, Method> d = new EnumMap<>(DataKind.class);
        d.putAll(defaults);
        defaults = Map.copyOf(d);
    }

    public Method defaultFor(DataKind kind) {
        return defaults.getOrDefault(kind, Method.KEEP);
    }

    /** The shipped default rule set (HIPAA Safe Harbor + PIPL / GB/T 37964 identifiers). */
    public static RuleSet standard() {
        try (InputStream in = RuleSet.class.getResourceAsStream(STANDARD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default rule set missing from the jar: " + STANDARD_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuleSet load(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** Parses YAML (JSON is valid YAML). Unknown methods or types fail loudly. */
    public static RuleSet parse(String yaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            throw new IllegalArgumentException("rule set is not valid YAML/JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("rule set must be a mapping");
        }
        List<Rule> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            String type = r.path("type").asText(null);
            rules.add(new Rule(required(r, "path"), Method.parse(required(r, "method")),
                    type == null ? null : PhiType.valueOf(type)));
        }
        Map<DataKind, Method> defaults = new EnumMap<>(DataKind.class);
        root.path("defaults").fields().forEachRemaining(e -> defaults.put(
                DataKind.valueOf(e.getKey().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT)),
                Method.parse(e.getValue().asText())));
        return new RuleSet(root.path("name").asText("unnamed"), root.path("version").asText("0"), rules, defaults);
    }

    private static String required(JsonNode n, String field) {
        String v = n.path(field).asText(null);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("rule without " + field + ": " + n);
        }
        return v;
    }
}
