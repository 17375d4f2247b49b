package org.medgo.gateway.openai;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits streamed Qwen3 output into reasoning and answer as it arrives, the way vLLM's Qwen3 reasoning
 * parser does: text between a leading {@code <think>} and {@code </think>} is {@code reasoning_content},
 * the rest {@code content}; newlines around the tags are dropped. A tag split over two deltas is held back
 * until it is clear, so no client ever sees half a tag. Not thread-safe: one per choice.
 */
final class ReasoningStream {

    enum Channel { REASONING, CONTENT }

    record Piece(Channel channel, String text) {}

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private enum State { START, REASONING, CONTENT }

    private final StringBuilder pending = new StringBuilder();
    private State state = State.START;
    private boolean dropLeadingNewlines;

    List<Piece> push(String delta) {
        pending.append(delta);
        List<Piece> out = new ArrayList<>();
        drain(out, false);
        return out;
    }

    /** The held-back rest once generation is over. */
    List<Piece> finish() {
        List<Piece> out = new ArrayList<>();
        drain(out, true);
        return out;
    }

    private void drain(List<Piece> out, boolean end) {
        while (true) {
            switch (state) {
                case START -> {
                    String lead = pending.toString().stripLeading();
                    if (lead.startsWith(OPEN)) {
                        pending.delete(0, pending.indexOf(OPEN) + OPEN.length());
                        state = State.REASONING;
                        dropLeadingNewlines = true;
                    } else if (!end && OPEN.startsWith(lead)) {
                        return;
                    } else {
                        state = State.CONTENT;
                    }
                }
                case REASONING -> {
                    trimLeadingNewlines();
                    int close = pending.indexOf(CLOSE);
                    if (close >= 0) {
                        emit(out, Channel.REASONING, stripTrailingNewlines(pending.substring(0, close)));
                        pending.delete(0, close + CLOSE.length());
                        state = State.CONTENT;
                        dropLeadingNewlines = true;
                        continue;
                    }
                    int keep = end ? 0 : heldBack();
                    String ready = pending.substring(0, pending.length() - keep);
                    String sendable = stripTrailingNewlines(ready);
                    emit(out, Channel.REASONING, sendable);
                    pending.delete(0, sendable.length());
                    if (end) {
                        pending.setLength(0);
                    }
                    return;
                }
                case CONTENT -> {
                    trimLeadingNewlines();
                    emit(out, Channel.CONTENT, pending.toString());
                    pending.setLength(0);
                    return;
                }
            }
        }
    }

    /** Characters at the end that could begin {@code </think>}. */
    private int heldBack() {
        for (int k = Math.min(CLOSE.length() - 1, pending.length()); k > 0; k--) {
            if (CLOSE.startsWith(pending.substring(pending.length() - k))) {
                return k;
            }
        }
        return 0;
    }

    private void trimLeadingNewlines() {
        if (!dropLeadingNewlines) {
            return;
        }
        int i = 0;
        while (i < pending.length() && pending.charAt(i) == '\n') {
            i++;
        }
        pending.delete(0, i);
        if (!pending.isEmpty()) {
            dropLeadingNewlines = false;
        }
    }

    /** Newlines at the end may be the ones before {@code </think>}: they wait until more text follows. */
    private static String stripTrailingNewlines(String s) {
        int j = s.length();
        while (j > 0 && s.charAt(j - 1) == '\n') {
            j--;
        }
        return s.substring(0, j);
    }

    private static void emit(List<Piece> out, Channel channel, String text) {
        if (!text.isEmpty()) {
            out.add(new Piece(channel, text));
        }
    }
}
