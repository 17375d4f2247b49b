package org.medgo.inference.constrained;

import java.util.Set;

/**
 * Forces a sequence's output to be one JSON value matching a schema: every candidate token is run
 * through the byte-level {@link JsonState} automaton; tokens it rejects, or after which the value could
 * no longer be finished within the remaining token budget, are masked. After the value is complete only
 * an end token is allowed. No retries: the output parses and validates by construction (given enough
 * tokens for the schema's smallest value).
 */
public final class JsonSchemaConstraint implements TokenConstraint {
    private final TokenVocabulary vocabulary;
    private final Set<Integer> endIds;
    /** {@link #endIds} unboxed: the mask visits every logit each step, and a boxed set lookup per logit was most of its time. */
    private final int[] ends;
    private final float[] endLogits;
    private JsonState state;
    private boolean[] allowed;

    private JsonSchemaConstraint(SchemaNode root, TokenVocabulary vocabulary, Set<Integer> endIds) {
        this.vocabulary = vocabulary;
        this.endIds = endIds;
        this.ends = endIds.stream().mapToInt(Integer::intValue).filter(i -> i >= 0).toArray();
        this.endLogits = new float[ends.length];
        this.state = JsonState.start(root);
    }

    /**
     * @throws IllegalArgumentException when the schema is not valid JSON or uses what is not supported
     */
    public static JsonSchemaConstraint compile(String schemaJson, TokenVocabulary vocabulary, Set<Integer> endIds) {
        return new JsonSchemaConstraint(SchemaNode.compile(schemaJson), vocabulary, endIds);
    }

    /** Checks a schema without a vocabulary (for early validation of requests). */
    public static void validateSchema(String schemaJson) {
        SchemaNode.compile(schemaJson);
    }

    @Override
    public boolean allows(int token, int budget) {
        if (endIds.contains(token)) {
            return state.complete();
        }
        if (token < 0 || token >= vocabulary.size || vocabulary.special[token]) {
            return false;
        }
        byte[] b = vocabulary.bytes[token];
        if (b.length == 0) {
            return false;
        }
        JsonState s = state;
        for (byte x : b) {
            s = s.advance(x & 0xFF);
            if (s == null) {
                return false;
            }
        }
        return s.minRemaining() <= budget - 1;
    }

    @Override
    public void mask(float[] logits, int budget) {
        if (allowed == null) {
            allowed = new boolean[vocabulary.size];
        } else {
            java.util.Arrays.fill(allowed, false);
        }
        if (state.top instanceof JsonState.StringFrame sf && sf.escape() == 0 && sf.utf8() == 0) {
            insideString(sf, budget);
        } else {
            walk(0, state, budget - 1);
        }
        boolean complete = state.complete();
        for (int k = 0; k < ends.length; k++) {
            endLogits[k] = ends[k] < logits.length ? logits[ends[k]] : 0f;
        }
        for (int i = 0; i < logits.length; i++) {
            if (i >= allowed.length || !allowed[i]) {
                logits[i] = Float.NEGATIVE_INFINITY;
            }
        }
        for (int k = 0; k < ends.length; k++) { // an end token is allowed exactly when the value is complete
            if (ends[k] < logits.length) {
                logits[ends[k]] = complete ? endLogits[k] : Float.NEGATIVE_INFINITY;
            }
        }
    }

    /**
     * Inside a string almost every token is allowed, so walking the trie would visit all of it: decide
     * plain tokens from precomputed facts, and run only the few irregular ones through the automaton.
     */
    private void insideString(JsonState.StringFrame sf, int budget) {
        TokenVocabulary v = vocabulary;
        int roomChars = sf.maxChars() - sf.chars();
        int base = state.minRemaining();
        for (int i = 0; i < v.size; i++) {
            int c = v.plainChars[i];
            if (c >= 0 && c <= roomChars && base + v.plainPending[i] <= budget - 1) {
                allowed[i] = true;
            }
        }
        for (int i : v.irregular) {
            if (allows(i, budget)) {
                allowed[i] = true;
            }
        }
    }

    private void walk(int node, JsonState s, int budgetAfter) {
        TokenVocabulary v = vocabulary;
        int start = v.childStart[node];
        int end = start + v.childCount[node];
        for (int e = start; e < end; e++) {
            JsonState next = s.advance(v.childByte[e] & 0xFF);
            if (next == null) {
                continue;
            }
            int child = v.childNode[e];
            int token = v.tokenAt[child];
            if (token >= 0 && next.minRemaining() <= budgetAfter) {
                allowed[token] = true;
            }
            walk(child, next, budgetAfter);
        }
    }

    @Override
    public void accept(int token) {
        if (endIds.contains(token)) {
            return;
        }
        JsonState s = state;
        for (byte x : vocabulary.bytes[token]) {
            s = s.advance(x & 0xFF);
            if (s == null) {
                throw new IllegalStateException("token " + token + " is not allowed here");
            }
        }
        state = s;
    }

    @Override
    public boolean isComplete() {
        return state.complete();
    }
}
