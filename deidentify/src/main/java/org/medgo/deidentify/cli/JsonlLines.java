package org.medgo.deidentify.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a JSONL stream line by line as bytes, holding at most one line (up to a cap) in memory: a longer
 * line is skipped to its newline and reported as oversized, so one bad line never stops the stream.
 */
final class JsonlLines {
    /** One line: its bytes (without the newline and a trailing CR), or null with {@code oversized} set. */
    record Line(int number, byte[] bytes, boolean oversized) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int limit;
    private int number;
    private boolean eof;

    JsonlLines(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end of the stream (a final newline does not make an empty last line). */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean oversized = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (eof || !fill()) {
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int nl = -1;
            for (int i = pos; i < limit; i++) {
                if (buffer[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? limit : nl;
            if (!oversized) {
                if (line.size() + (end - pos) > maxBytes) {
                    oversized = true;
                    line = null;
                } else {
                    line.write(buffer, pos, end - pos);
                }
            }
            pos = nl < 0 ? limit : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        if (oversized) {
            return new Line(number, null, true);
        }
        byte[] b = line.toByteArray();
        int len = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        if (number == 1 && len >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new Line(number, java.util.Arrays.copyOfRange(b, 3, len), false); // a UTF-8 byte-order mark
        }
        return new Line(number, len == b.length ? b : java.util.Arrays.copyOf(b, len), false);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
