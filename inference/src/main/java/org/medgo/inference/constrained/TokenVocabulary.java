package org.medgo.inference.constrained;

import org.medgo.inference.tokenizer.BundleTokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every token's bytes, precomputed once, plus a byte trie over them so a full vocabulary mask walks
 * shared prefixes once and prunes a whole subtree at the first rejected byte.
 */
public final class TokenVocabulary {
    final int size;
    final byte[][] bytes;
    final boolean[] special;
    // Trie: node i has children childNode[childStart[i] .. childStart[i]+childCount[i]) labelled childByte[...].
    final int[] childStart;
    final int[] childCount;
    final byte[] childByte;
    final int[] childNode;
    final int[] tokenAt;
    /**
     * For tokens that can sit inside a JSON string as they are (no quote, backslash or control byte, valid
     * UTF-8 from a character boundary): the characters they start; -1 for all other tokens.
     */
    final int[] plainChars;
    /** For plain tokens: continuation bytes still owed by a character the token ends inside. */
    final byte[] plainPending;
    /** Non-special tokens that are not plain (checked one by one inside strings). */
    final int[] irregular;

    private TokenVocabulary(int size, byte[][] bytes, boolean[] special, int[] childStart, int[] childCount,
                            byte[] childByte, int[] childNode, int[] tokenAt) {
        this.size = size;
        this.bytes = bytes;
        this.special = special;
        this.childStart = childStart;
        this.childCount = childCount;
        this.childByte = childByte;
        this.childNode = childNode;
        this.tokenAt = tokenAt;
        this.plainChars = new int[size];
        this.plainPending = new byte[size];
        int[] irr = new int[size];
        int nIrr = 0;
        for (int i = 0; i < size; i++) {
            plainChars[i] = -1;
            if (special[i] || bytes[i].length == 0) {
                continue;
            }
            int chars = 0;
            int pending = 0;
            boolean ok = true;
            for (byte x : bytes[i]) {
                int b = x & 0xFF;
                if (pending > 0) {
                    if ((b & 0xC0) != 0x80) {
                        ok = false;
                        break;
                    }
                    pending--;
                    continue;
                }
                if (b < 0x20 || b == '"' || b == '\\' || b == 0x7F) {
                    ok = false;
                    break;
                }
                if (b >= 0x80) {
                    int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
                    if (need < 0) {
                        ok = false;
                        break;
                    }
                    pending = need;
                }
                chars++;
            }
            if (ok) {
                plainChars[i] = chars;
                plainPending[i] = (byte) pending;
            } else {
                irr[nIrr++] = i;
            }
        }
        this.irregular = Arrays.copyOf(irr, nIrr);
    }

    public static TokenVocabulary of(BundleTokenizer tokenizer) {
        int n = tokenizer.size();
        byte[][] bytes = new byte[n][];
        boolean[] special = new boolean[n];
        for (int i = 0; i < n; i++) {
            bytes[i] = tokenizer.tokenBytes(i);
            special[i] = tokenizer.isSpecial(i);
        }
        return build(bytes, special);
    }

    static TokenVocabulary build(byte[][] bytes, boolean[] special) {
        int n = bytes.length;
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!special[i] && bytes[i].length > 0) {
                ids.add(i);
            }
        }
        Integer[] order = ids.toArray(new Integer[0]);
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(bytes[a], bytes[b]));
        TrieBuilder tb = new TrieBuilder();
        int root = tb.newNode();
        tb.build(root, bytes, order, 0, order.length, 0);
        return new TokenVocabulary(n, bytes, special, tb.childStart(), tb.childCount(), tb.childByte(), tb.childNode(),
                tb.tokenAt());
    }

    /** Grows flat arrays while splitting sorted token ranges by their byte at each depth. */
    private static final class TrieBuilder {
        private int[] start = new int[1024];
        private int[] count = new int[1024];
        private int[] token = new int[1024];
        private byte[] edgeByte = new byte[1024];
        private int[] edgeNode = new int[1024];
        private int nodes;
        private int edges;

        int newNode() {
            if (nodes == start.length) {
                start = Arrays.copyOf(start, nodes * 2);
                count = Arrays.copyOf(count, nodes * 2);
                token = Arrays.copyOf(token, nodes * 2);
            }
            token[nodes] = -1;
            return nodes++;
        }

        void build(int node, byte[][] bytes, Integer[] order, int from, int to, int depth) {
            int i = from;
            if (i < to && bytes[order[i]].length == depth) {
                token[node] = order[i];
                i++;
                while (i < to && bytes[order[i]].length == depth) {
                    i++; // duplicate byte strings: the first id wins
                }
            }
            // children first (contiguous edges), then recurse
            List<int[]> groups = new ArrayList<>();
            while (i < to) {
                byte b = bytes[order[i]][depth];
                int j = i + 1;
                while (j < to && bytes[order[j]][depth] == b) {
                    j++;
                }
                groups.add(new int[] {i, j});
                i = j;
            }
            int first = edges;
            ensureEdges(edges + groups.size());
            edges += groups.size();
            start[node] = first;
            count[node] = groups.size();
            for (int g = 0; g < groups.size(); g++) {
                int[] range = groups.get(g);
                int child = newNode();
                edgeByte[first + g] = bytes[order[range[0]]][depth];
                edgeNode[first + g] = child;
                build(child, bytes, order, range[0], range[1], depth + 1);
            }
        }

        private void ensureEdges(int n) {
            if (n > edgeByte.length) {
                int cap = Math.max(n, edgeByte.length * 2);
                edgeByte = Arrays.copyOf(edgeByte, cap);
                edgeNode = Arrays.copyOf(edgeNode, cap);
            }
        }

        int[] childStart() {
            return Arrays.copyOf(start, nodes);
        }

        int[] childCount() {
            return Arrays.copyOf(count, nodes);
        }

        byte[] childByte() {
            return Arrays.copyOf(edgeByte, edges);
        }

        int[] childNode() {
            return Arrays.copyOf(edgeNode, edges);
        }

        int[] tokenAt() {
            return Arrays.copyOf(token, nodes);
        }
    }
}
