package org.medgo.inference.generation;

/** Why generation ended. */
public enum FinishReason {
    /** an end token or a stop string */
    STOP,
    /** max new tokens or the context length */
    LENGTH,
    /** cancelled by the caller */
    CANCELLED;

    /** The lowercase name used in JSON output. */
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
