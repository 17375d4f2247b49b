package org.medgo.inference.tokenizer;

import java.io.ByteArrayOutputStream;

/** GPT-2 byte-level alphabet: every byte is shown as one printable code point in vocab strings. */
final class ByteLevel {
    private ByteLevel() {
    }

    static int[] unicodeToByte() {
        int[] map = new int[512];
        java.util.Arrays.fill(map, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            int cp = printable ? b : 256 + extra++;
            map[cp] = b;
        }
        return map;
    }

    static byte[] decode(String piece, int[] unicodeToByte) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(piece.length());
        piece.codePoints().forEach(cp -> {
            int b = cp < unicodeToByte.length ? unicodeToByte[cp] : -1;
            if (b < 0) {
                throw new IllegalArgumentException("not a byte-level piece: " + piece);
            }
            out.write(b);
        });
        return out.toByteArray();
    }
}
