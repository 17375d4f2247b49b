package org.medgo.deidentify.text;

import java.util.Collection;

/**
 * A set of words stored as 64-bit hashes of their lower-case form in one open-addressing {@code long[]}:
 * about 16 bytes a word instead of ~80 for a {@code HashSet<String>}, and a lookup folds case and hashes a
 * region of the text without allocating. Two different words sharing a 64-bit hash is possible in
 * principle (~n²/2⁶⁵: about 10⁻¹⁰ for 100,000 words) and would only make one word look listed.
 * Immutable after construction, thread-safe.
 */
final class WordSet {
    private static final long EMPTY = 0L;
    private final long[] slots;
    private final int mask;
    private final int size;

    WordSet(Collection<String> words) {
        int cap = Integer.highestOneBit(Math.max(16, words.size() * 2 - 1)) << 1;
        slots = new long[cap];
        mask = cap - 1;
        int n = 0;
        for (String w : words) {
            if (!w.isEmpty() && insert(hash(w, 0, w.length()))) {
                n++;
            }
        }
        size = n;
    }

    int size() {
        return size;
    }

    /** Bytes held by the table (the memory cost of the list). */
    long bytes() {
        return 16L + 8L * slots.length;
    }

    boolean contains(CharSequence s) {
        return contains(s, 0, s.length());
    }

    /** Whether the lower-case form of {@code s[start, end)} is in the set. */
    boolean contains(CharSequence s, int start, int end) {
        long h = hash(s, start, end);
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (true) {
            long v = slots[i];
            if (v == EMPTY) {
                return false;
            }
            if (v == h) {
                return true;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean insert(long h) {
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (slots[i] != EMPTY) {
            if (slots[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        return true;
    }

    /** FNV-1a 64 over lower-cased UTF-16 units, mixed once more; never 0 (0 marks an empty slot). */
    private static long hash(CharSequence s, int start, int end) {
        long h = 0xcbf29ce484222325L;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + 32);
            } else if (c == '’') {
                c = '\'';
            } else if (c > 127) {
                c = Character.toLowerCase(c);
            }
            h ^= c;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 29;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 32;
        return h == EMPTY ? 1 : h;
    }
}
