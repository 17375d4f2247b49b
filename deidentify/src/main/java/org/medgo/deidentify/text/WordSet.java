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
    /** The low bit of a stored hash: set for a word of the marked list. Lookups compare the other 63 bits. */
    private static final long MARK = 1L;
    private final long[] slots;
    private final int mask;
    private final int size;

    WordSet(Collection<String> words) {
        this(words, java.util.List.of());
    }

    /**
     * {@code words} and {@code marked} words in one table: {@link #contains} answers for the first, {@link #marked} for the
     * second (the lowest bit of the stored hash is the mark, so the split costs no memory). A word in both lists is unmarked.
     */
    WordSet(Collection<String> words, Collection<String> marked) {
        // At most ~70 % full: linear probing stays short, and the 300,000-word safe list takes 4 MiB rather than 8.
        int cap = Integer.highestOneBit(Math.max(16, (words.size() + marked.size()) * 10 / 7)) << 1;
        slots = new long[cap];
        mask = cap - 1;
        int n = 0;
        for (String w : words) {
            if (!w.isEmpty() && insert(hash(w, 0, w.length()))) {
                n++;
            }
        }
        for (String w : marked) {
            if (!w.isEmpty() && insert(hash(w, 0, w.length()) | MARK)) {
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

    /** Whether the lower-case form of {@code s[start, end)} is in the set, not counting the marked words. */
    boolean contains(CharSequence s, int start, int end) {
        long v = find(hash(s, start, end));
        return v != EMPTY && (v & MARK) == 0;
    }

    /** Whether {@code s[start, end)} is one of the marked words (and so not {@link #contains}). */
    boolean marked(CharSequence s, int start, int end) {
        return (find(hash(s, start, end)) & MARK) != 0;
    }

    /** The stored hash equal to {@code h} but for the mark, or EMPTY. */
    private long find(long h) {
        int i = index(h);
        while (true) {
            long v = slots[i];
            if (v == EMPTY || (v & ~MARK) == h) {
                return v;
            }
            i = (i + 1) & mask;
        }
    }

    private boolean insert(long h) {
        int i = index(h & ~MARK);
        while (slots[i] != EMPTY) {
            if ((slots[i] & ~MARK) == (h & ~MARK)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        return true;
    }

    private int index(long h) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** FNV-1a 64 over lower-cased UTF-16 units, mixed once more, low bit cleared (the mark); never 0 (an empty slot). */
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
        h &= ~MARK;
        return h == EMPTY ? 2 : h;
    }
}
