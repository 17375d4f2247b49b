package org.medgo.inference.generation;

/**
 * Streaming callback, called on the engine thread: keep it short. Text never splits a UTF-8
 * character and never shows a stop string (text that might start one is held back until it is clear).
 */
@FunctionalInterface
public interface TokenListener {
    void onText(String delta);

    TokenListener NONE = delta -> {
    };
}
