package org.medgo.deidentify.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Word lists shipped in the jar (common Chinese surnames, English given names and surnames, eponyms). */
record Dictionaries(Set<String> zhSurnames, Set<String> enGiven, Set<String> enSurnames, Set<String> eponyms) {
    private static final Dictionaries DEFAULT = new Dictionaries(load("zh-surnames.txt"), load("en-given.txt"),
            load("en-surnames.txt"), load("en-eponyms.txt"));

    static Dictionaries standard() {
        return DEFAULT;
    }

    private static Set<String> load(String name) {
        try (InputStream in = Dictionaries.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing dictionary " + name);
            }
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Arrays.stream(all.split("\\s+")).filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
