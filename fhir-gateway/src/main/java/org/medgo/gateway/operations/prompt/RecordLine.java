package org.medgo.gateway.operations.prompt;

/**
 * One line of the record text the model reads. {@code key} is the short citation key the model may cite
 * ({@code C3}: the third Condition, {@code N2:4}: the fourth sentence of the second note), or null for a
 * heading that cannot be cited; {@code entry} is the position of the source resource in the record Bundle and
 * {@code type} its resource type.
 */
public record RecordLine(String key, int entry, String type, String text) {

    public boolean citable() {
        return key != null;
    }

    /** {@code [C3] Condition: ...} as the model reads it. */
    public String rendered() {
        return key == null ? text : "[" + key + "] " + text;
    }
}
