package org.medgo.deidentify.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled corpus in JSONL: {@code {"id","text","phi":[{"start","end","type","value"}],"keep":[...]}} — phi
 * values must leave the text, keep values must stay. Built by committed scripts from public material
 * ({@code deidentify/tools/build-presidio-corpus.py}) or written as held-out notes.
 */
record LabelledCorpus(String name, List<Note> notes) {
    /** One labelled value. {@code type} is a PhiType name, or a reporting row such as GPE. */
    record Value(int start, int end, String type, String value) {
    }

    record Note(String id, String text, List<Value> phi, List<Value> keep) {
    }

    static LabelledCorpus resource(String name) {
        try (InputStream in = LabelledCorpus.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus " + name);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LabelledCorpus file(Path path) throws IOException {
        return parse(path.getFileName().toString(), Files.readString(path));
    }

    private static LabelledCorpus parse(String name, String content) throws IOException {
        return name.endsWith(".txt") ? marked(name, content) : jsonl(name, content);
    }

    /** One note a line, PHI written in place as {@code [[TYPE:value]]}; lines starting with # are comments. */
    private static LabelledCorpus marked(String name, String content) {
        List<Note> notes = new ArrayList<>();
        int n = 0;
        for (String line : content.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<Value> phi = new ArrayList<>();
            int i = 0;
            while (i < line.length()) {
                int open = line.indexOf("[[", i);
                if (open < 0) {
                    text.append(line, i, line.length());
                    break;
                }
                text.append(line, i, open);
                int colon = line.indexOf(':', open);
                int close = line.indexOf("]]", colon);
                String value = line.substring(colon + 1, close);
                phi.add(new Value(text.length(), text.length() + value.length(), line.substring(open + 2, colon), value));
                text.append(value);
                i = close + 2;
            }
            notes.add(new Note(name + "-" + (++n), text.toString(), phi, List.of()));
        }
        return new LabelledCorpus(name, List.copyOf(notes));
    }

    private static LabelledCorpus jsonl(String name, String jsonl) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Note> notes = new ArrayList<>();
        for (String line : jsonl.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            notes.add(new Note(n.path("id").asText(), n.path("text").asText(), values(n.path("phi"), "type", n.path("text").asText()),
                    values(n.path("keep"), "label", n.path("text").asText())));
        }
        return new LabelledCorpus(name, List.copyOf(notes));
    }

    private static List<Value> values(JsonNode arr, String typeField, String text) {
        List<Value> out = new ArrayList<>();
        for (JsonNode v : arr) {
            int start = v.path("start").asInt();
            int end = v.path("end").asInt();
            String value = v.has("value") ? v.path("value").asText() : text.substring(start, end);
            out.add(new Value(start, end, v.path(typeField).asText(), value));
        }
        return out;
    }
}
