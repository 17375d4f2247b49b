package org.medgo.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The chart under test, rendered the way {@code helm template} renders it (Helm's own Go library). */
final class Chart {

    static final Path DIR = locate();
    static final Path PRODUCTION_VALUES = DIR.resolve("values-production.yaml");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Chart() {
    }

    /** Renders with the given values file (may be null) and --set pairs; returns every manifest. */
    static List<JsonNode> render(Path valuesFile, Map<String, Object> set) {
        TemplateCommand command = new Helm(DIR).template().withName("medgo").withNamespace("clinical-ai")
                .withKubeVersion("1.31.0");
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> pair : set.entrySet()) {
            command = command.set(pair.getKey(), pair.getValue());
        }
        return parse(command.call());
    }

    static List<JsonNode> parse(String rendered) {
        List<JsonNode> manifests = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(rendered)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node != null && !node.isNull() && node.size() > 0) {
                    manifests.add(node);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return manifests;
    }

    static Optional<JsonNode> find(List<JsonNode> manifests, String kind) {
        return manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).findFirst();
    }

    static JsonNode one(List<JsonNode> manifests, String kind) {
        return find(manifests, kind).orElseThrow(() -> new AssertionError("no " + kind + " rendered"));
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path chart = dir.resolve("helm/medgo-gateway");
            if (Files.isRegularFile(chart.resolve("Chart.yaml"))) {
                return chart;
            }
            if (Files.isRegularFile(dir.resolve("medgo-gateway/Chart.yaml"))) {
                return dir.resolve("medgo-gateway");
            }
        }
        throw new IllegalStateException("helm/medgo-gateway not found above " + Path.of("").toAbsolutePath());
    }
}
