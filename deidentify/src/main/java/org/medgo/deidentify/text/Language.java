package org.medgo.deidentify.text;

/** Language hint for free-text detection. AUTO runs both rule sets (mixed notes are common). */
public enum Language {
    AUTO, EN, ZH;

    boolean english() {
        return this != ZH;
    }

    boolean chinese() {
        return this != EN;
    }
}
