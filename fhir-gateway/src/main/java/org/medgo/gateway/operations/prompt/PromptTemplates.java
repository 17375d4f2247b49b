package org.medgo.gateway.operations.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The shipped prompt templates (classpath {@code config/prompts/}, from the repository's {@code config/prompts/}).
 * Loaded at start, so a missing template stops the start rather than a request.
 */
@Component
public class PromptTemplates {

    /** The template version each operation uses now. */
    public static final Map<String, String> CURRENT = Map.of("summarize", "summarize-v2", "differential", "differential-v2");

    private static final String SEPARATOR = "---user---";
    private final Map<String, PromptTemplate> templates = new HashMap<>();

    PromptTemplates() {
        for (String base : CURRENT.values()) {
            String schema = read(base + ".schema.json");
            for (String language : new String[] {"en", "zh"}) {
                String id = base + "." + language;
                String text = read(id + ".txt");
                int split = text.indexOf(SEPARATOR);
                if (split < 0) {
                    throw new IllegalStateException("prompt template " + id + " has no " + SEPARATOR + " line");
                }
                templates.put(id, new PromptTemplate(id, language, text.substring(0, split),
                        text.substring(split + SEPARATOR.length()), schema));
            }
        }
    }

    /** @param operation {@code summarize} or {@code differential}; @param language {@code en} or {@code zh} */
    public PromptTemplate current(String operation, String language) {
        PromptTemplate t = templates.get(CURRENT.get(operation) + "." + language);
        if (t == null) {
            throw new IllegalArgumentException("no template for " + operation + "/" + language);
        }
        return t;
    }

    private static String read(String name) {
        try (InputStream in = PromptTemplates.class.getClassLoader().getResourceAsStream("config/prompts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("prompt template config/prompts/" + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
