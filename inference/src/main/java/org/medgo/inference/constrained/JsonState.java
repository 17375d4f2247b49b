package org.medgo.inference.constrained;

import org.medgo.inference.constrained.SchemaNode.ArrayNode;
import org.medgo.inference.constrained.SchemaNode.LiteralNode;
import org.medgo.inference.constrained.SchemaNode.NumberNode;
import org.medgo.inference.constrained.SchemaNode.ObjectNode;
import org.medgo.inference.constrained.SchemaNode.Property;
import org.medgo.inference.constrained.SchemaNode.StringNode;

import java.util.List;

/**
 * An immutable position in a byte-level JSON automaton for one schema: a persistent stack of frames
 * (object, array, string, number, literal, or a value not started yet). {@link #advance} returns a new
 * state or null when the byte cannot appear there, so trying a token never disturbs the current state.
 * Output is compact JSON: no whitespace outside strings.
 */
final class JsonState {
    final Frame top;
    final JsonState rest;

    private JsonState(Frame top, JsonState rest) {
        this.top = top;
        this.rest = rest;
    }

    static JsonState start(SchemaNode root) {
        return new JsonState(new ValueFrame(root), null);
    }

    private static final JsonState DONE = new JsonState(null, null);

    /** The state after byte {@code b}, or null if {@code b} cannot come next. */
    JsonState advance(int b) {
        JsonState s = this;
        while (true) {
            if (s.top == null) {
                return null;
            }
            Step r = s.top.step(b);
            if (r == null) {
                return null;
            }
            JsonState below = s.rest == null ? DONE : s.rest;
            switch (r.kind) {
                case REPLACE:
                    return new JsonState(r.frame, s.rest);
                case PUSH:
                    return new JsonState(r.child, new JsonState(r.frame, s.rest));
                case PUSH_REFEED:
                    s = new JsonState(r.child, new JsonState(r.frame, s.rest));
                    continue;
                case POP:
                    return below;
                case POP_REFEED:
                    s = below;
                    continue;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /** True when a complete value has been produced and an end token may follow. */
    boolean complete() {
        return top == null || (rest == null && top.canEnd());
    }

    /** Fewest bytes that finish the value from here. */
    int minRemaining() {
        int n = 0;
        for (JsonState s = this; s != null && s.top != null; s = s.rest) {
            n += s.top.minRemaining();
        }
        return n;
    }

    enum Kind { REPLACE, PUSH, PUSH_REFEED, POP, POP_REFEED }

    record Step(Kind kind, Frame frame, Frame child) {
        static final Step POP = new Step(Kind.POP, null, null);
        static final Step POP_REFEED = new Step(Kind.POP_REFEED, null, null);

        static Step replace(Frame f) {
            return new Step(Kind.REPLACE, f, null);
        }

        static Step push(Frame self, Frame child) {
            return new Step(Kind.PUSH, self, child);
        }

        static Step pushRefeed(Frame self, Frame child) {
            return new Step(Kind.PUSH_REFEED, self, child);
        }
    }

    interface Frame {
        /** What byte {@code b} does here; null = not allowed. */
        Step step(int b);

        int minRemaining();

        /** May the value end here without another byte (numbers, ambiguous literals)? */
        default boolean canEnd() {
            return false;
        }
    }

    /** A value of {@code node} whose first byte has not come yet. */
    record ValueFrame(SchemaNode node) implements Frame {
        @Override
        public Step step(int b) {
            return switch (node) {
                case ObjectNode o -> b == '{' ? Step.replace(new ObjectFrame(o, ObjectFrame.OPEN, 0L, 0, 0L, -1)) : null;
                case ArrayNode a -> b == '[' ? Step.replace(new ArrayFrame(a, ArrayFrame.OPEN, 0)) : null;
                case StringNode s -> b == '"' ? Step.replace(new StringFrame(s.maxLength(), 0, 0, 0)) : null;
                case NumberNode n -> NumberFrame.begin(n.integer(), b);
                case LiteralNode l -> new LiteralFrame(l.literals(), 0).step(b);
            };
        }

        @Override
        public int minRemaining() {
            return node.minLength();
        }
    }

    /**
     * An object after its '{'. {@code used} is a bit set of properties already written; in KEY phase
     * {@code candidates} are the properties whose key starts with the {@code keyPos} bytes seen.
     */
    record ObjectFrame(ObjectNode node, int phase, long used, int keyPos, long candidates, int key) implements Frame {
        static final int OPEN = 0;        // after '{'
        static final int KEY = 1;         // inside a key
        static final int COLON = 2;       // key closed, ':' next
        static final int AFTER_VALUE = 3; // a member written; ',' or '}'
        static final int NEXT_KEY = 4;    // after ',', '"' next

        @Override
        public Step step(int b) {
            List<Property> props = node.properties();
            switch (phase) {
                case OPEN, AFTER_VALUE -> {
                    if (b == '}' && requiredDone()) {
                        return Step.POP;
                    }
                    if (phase == OPEN && b == '"' && unused() != 0) {
                        return Step.replace(new ObjectFrame(node, KEY, used, 0, unused(), -1));
                    }
                    if (phase == AFTER_VALUE && b == ',' && unused() != 0) {
                        return Step.replace(new ObjectFrame(node, NEXT_KEY, used, 0, 0L, -1));
                    }
                    return null;
                }
                case NEXT_KEY -> {
                    return b == '"' ? Step.replace(new ObjectFrame(node, KEY, used, 0, unused(), -1)) : null;
                }
                case KEY -> {
                    long next = 0L;
                    for (int i = 0; i < props.size(); i++) {
                        if ((candidates & (1L << i)) == 0) {
                            continue;
                        }
                        byte[] k = props.get(i).key();
                        if (keyPos == k.length && b == '"') {
                            return Step.replace(new ObjectFrame(node, COLON, used, 0, 0L, i));
                        }
                        if (keyPos < k.length && (k[keyPos] & 0xFF) == b) {
                            next |= 1L << i;
                        }
                    }
                    return next == 0 ? null : Step.replace(new ObjectFrame(node, KEY, used, keyPos + 1, next, -1));
                }
                case COLON -> {
                    if (b != ':') {
                        return null;
                    }
                    return Step.push(new ObjectFrame(node, AFTER_VALUE, used | (1L << key), 0, 0L, -1),
                            new ValueFrame(props.get(key).value()));
                }
                default -> throw new IllegalStateException();
            }
        }

        private long unused() {
            long all = node.properties().size() == 64 ? -1L : (1L << node.properties().size()) - 1;
            return all & ~used;
        }

        private boolean requiredDone() {
            List<Property> props = node.properties();
            for (int i = 0; i < props.size(); i++) {
                if (props.get(i).required() && (used & (1L << i)) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Bytes for the still-missing required members (each with its comma) and the '}'. */
        private int requiredRest(long usedNow, boolean leadingCommaNeeded) {
            List<Property> props = node.properties();
            int n = 1;
            int count = 0;
            for (int i = 0; i < props.size(); i++) {
                if (props.get(i).required() && (usedNow & (1L << i)) == 0) {
                    n += props.get(i).minLength();
                    count++;
                }
            }
            if (count > 0) {
                n += leadingCommaNeeded ? count : count - 1;
            }
            return n;
        }

        @Override
        public int minRemaining() {
            List<Property> props = node.properties();
            return switch (phase) {
                case OPEN -> requiredRest(used, false);
                case AFTER_VALUE -> requiredRest(used, true);
                case COLON -> 1 + props.get(key).value().minLength() + requiredRest(used | (1L << key), true);
                case KEY, NEXT_KEY -> {
                    long cands = phase == KEY ? candidates : unused();
                    int pos = phase == KEY ? keyPos : -1; // NEXT_KEY still needs the opening quote
                    int best = Integer.MAX_VALUE;
                    for (int i = 0; i < props.size(); i++) {
                        if ((cands & (1L << i)) != 0) {
                            Property p = props.get(i);
                            int v = (p.key().length - pos) + 1 + 1 + p.value().minLength()
                                    + requiredRest(used | (1L << i), true);
                            best = Math.min(best, v);
                        }
                    }
                    yield best;
                }
                default -> throw new IllegalStateException();
            };
        }
    }

    /** An array after its '['. */
    record ArrayFrame(ArrayNode node, int phase, int count) implements Frame {
        static final int OPEN = 0;
        static final int AFTER_ITEM = 1;
        static final int NEED_ITEM = 2;

        @Override
        public Step step(int b) {
            switch (phase) {
                case OPEN -> {
                    if (b == ']') {
                        return node.minItems() == 0 ? Step.POP : null;
                    }
                    if (node.maxItems() == 0) {
                        return null;
                    }
                    return Step.pushRefeed(new ArrayFrame(node, AFTER_ITEM, 1), new ValueFrame(node.items()));
                }
                case AFTER_ITEM -> {
                    if (b == ']') {
                        return count >= node.minItems() ? Step.POP : null;
                    }
                    if (b == ',' && count < node.maxItems()) {
                        return Step.replace(new ArrayFrame(node, NEED_ITEM, count));
                    }
                    return null;
                }
                case NEED_ITEM -> {
                    return Step.pushRefeed(new ArrayFrame(node, AFTER_ITEM, count + 1), new ValueFrame(node.items()));
                }
                default -> throw new IllegalStateException();
            }
        }

        @Override
        public int minRemaining() {
            int item = node.items().minLength();
            return switch (phase) {
                case OPEN -> 1 + node.minItems() * item + Math.max(0, node.minItems() - 1);
                case AFTER_ITEM -> 1 + Math.max(0, node.minItems() - count) * (item + 1);
                case NEED_ITEM -> 1 + item + Math.max(0, node.minItems() - count - 1) * (item + 1);
                default -> throw new IllegalStateException();
            };
        }
    }

    /**
     * Inside a string: {@code chars} written so far, {@code escape} 0 = none, 1 = after '\', 2..5 = in
     * \\uXXXX; {@code utf8} continuation bytes still expected.
     */
    record StringFrame(int maxChars, int chars, int escape, int utf8) implements Frame {
        @Override
        public Step step(int b) {
            if (utf8 > 0) {
                return (b & 0xC0) == 0x80 ? Step.replace(new StringFrame(maxChars, chars, 0, utf8 - 1)) : null;
            }
            if (escape == 1) {
                if (b == 'u') {
                    return Step.replace(new StringFrame(maxChars, chars, 2, 0));
                }
                return "\"\\/bfnrt".indexOf(b) >= 0 ? Step.replace(new StringFrame(maxChars, chars, 0, 0)) : null;
            }
            if (escape >= 2) {
                boolean hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
                if (!hex) {
                    return null;
                }
                return Step.replace(new StringFrame(maxChars, chars, escape == 5 ? 0 : escape + 1, 0));
            }
            if (b == '"') {
                return Step.POP;
            }
            if (chars >= maxChars || b < 0x20 || b == 0x7F) {
                return null;
            }
            if (b == '\\') {
                return Step.replace(new StringFrame(maxChars, chars + 1, 1, 0));
            }
            if (b < 0x80) {
                return Step.replace(new StringFrame(maxChars, chars + 1, 0, 0));
            }
            int need = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            return need < 0 ? null : Step.replace(new StringFrame(maxChars, chars + 1, 0, need));
        }

        @Override
        public int minRemaining() {
            int pending = utf8 + (escape == 1 ? 1 : escape >= 2 ? 6 - escape : 0);
            return pending + 1;
        }
    }
}
