package org.medgo.gateway.operations.pipeline;

/** Where a request is (for X-Progress of async jobs); called from the request's thread. */
@FunctionalInterface
public interface Progress {

    /** A stage began; worth storing, it happens a few times per request. */
    void entered(Stage stage);

    /**
     * The model has produced {@code pieces} pieces of text so far (every 16th piece). Called from the
     * engine's thread for every few tokens: keep it in memory, never block on a database.
     */
    default void generated(int pieces) { }

    Progress NONE = stage -> { };

    /** The {@code X-Progress} text while the model is generating. */
    static String generating(int pieces) {
        return "generating (" + pieces + " pieces of text)";
    }
}
