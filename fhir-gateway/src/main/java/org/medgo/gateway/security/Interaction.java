package org.medgo.gateway.security;

import java.util.EnumSet;
import java.util.Set;

/** The SMART v2 interactions a scope grants ({@code cruds}); the letters appear only in scope strings. */
public enum Interaction {
    CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

    private final char letter;

    Interaction(char letter) {
        this.letter = letter;
    }

    /**
     * The interactions of a scope's permission part: v2 letters in {@code cruds} order, or v1 {@code read},
     * {@code write}, {@code *}; empty when it is neither.
     */
    static Set<Interaction> ofPermissions(String permissions) {
        return switch (permissions) {
            case "read" -> EnumSet.of(READ, SEARCH);
            case "write" -> EnumSet.of(CREATE, UPDATE, DELETE);
            case "*" -> EnumSet.allOf(Interaction.class);
            default -> ofLetters(permissions);
        };
    }

    /** v2 letters come in {@code cruds} order, each once: {@code rc} or {@code rr} grants nothing. */
    private static Set<Interaction> ofLetters(String letters) {
        EnumSet<Interaction> granted = EnumSet.noneOf(Interaction.class);
        int next = 0;
        for (char c : letters.toCharArray()) {
            Interaction i = ofLetter(c);
            if (i == null || i.ordinal() < next) {
                return EnumSet.noneOf(Interaction.class);
            }
            granted.add(i);
            next = i.ordinal() + 1;
        }
        return granted;
    }

    private static Interaction ofLetter(char c) {
        for (Interaction i : values()) {
            if (i.letter == c) return i;
        }
        return null;
    }
}
