package org.medgo.gateway.ehr.writeback;

/** What an outbox row creates in the EMR. */
enum NoteKind {
    COMPOSITION("composition", "Composition"),
    DOCUMENT_REFERENCE("document-reference", "DocumentReference");

    private final String code;
    private final String resourceType;

    NoteKind(String code, String resourceType) {
        this.code = code;
        this.resourceType = resourceType;
    }

    String code() { return code; }

    String resourceType() { return resourceType; }

    static NoteKind ofCode(String code) {
        for (NoteKind k : values()) {
            if (k.code.equals(code)) return k;
        }
        throw new IllegalArgumentException("unknown note kind " + code);
    }
}
