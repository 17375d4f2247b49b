package org.medgo.inference.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Turns a stream of token ids into text without ever splitting a UTF-8 character: bytes of an
 * incomplete character wait for the next token. Special tokens are dropped. Malformed bytes become
 * U+FFFD, as Hugging Face decoding does with {@code errors="replace"}.
 */
public final class StreamingDetokenizer {
    private final BundleTokenizer tokenizer;
    private byte[] pending = new byte[16];
    private int pendingLength;

    public StreamingDetokenizer(BundleTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds one token; returns the text that is now complete (possibly empty). */
    public String push(int id) {
        if (tokenizer.isSpecial(id)) {
            return "";
        }
        byte[] b = tokenizer.tokenBytes(id);
        if (pendingLength + b.length > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + b.length));
        }
        System.arraycopy(b, 0, pending, pendingLength, b.length);
        pendingLength += b.length;
        int complete = completePrefix(pending, pendingLength);
        if (complete == 0) {
            return "";
        }
        String text = new String(pending, 0, complete, StandardCharsets.UTF_8);
        System.arraycopy(pending, complete, pending, 0, pendingLength - complete);
        pendingLength -= complete;
        return text;
    }

    /** Whatever is left (an unfinished character becomes U+FFFD). */
    public String flush() {
        String text = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        pendingLength = 0;
        return text;
    }

    /**
     * Length of the longest prefix that does not end inside a possibly-valid multi-byte character.
     * Invalid bytes count as complete (they decode to U+FFFD and waiting would not help).
     */
    static int completePrefix(byte[] buf, int len) {
        // Look back at most 3 bytes for the lead byte of a character that is still missing bytes.
        for (int back = 1; back <= Math.min(3, len); back++) {
            int b = buf[len - back] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for its lead
            }
            int need = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return need > back ? len - back : len;
        }
        return len;
    }
}
