package org.medgo.inference.constrained;

import org.medgo.inference.constrained.JsonState.Frame;
import org.medgo.inference.constrained.JsonState.Step;

import java.util.List;

/** Matching one of a closed set of serialized values; {@code pos} bytes matched. */
record LiteralFrame(List<byte[]> literals, int pos) implements Frame {
    @Override
    public Step step(int b) {
        boolean extends_ = false;
        boolean exact = false;
        boolean longer = false;
        for (byte[] lit : literals) {
            if (!prefixMatches(lit)) {
                continue;
            }
            if (lit.length == pos) {
                exact = true;
            } else if ((lit[pos] & 0xFF) == b) {
                extends_ = true;
                if (lit.length > pos + 1) {
                    longer = true;
                }
            }
        }
        if (extends_) {
            LiteralFrame next = new LiteralFrame(literals, pos + 1);
            // Done as soon as no literal goes on: pop without waiting for a following byte.
            return longer ? Step.replace(new FilteredLiteral(next, b).frame()) : Step.POP;
        }
        return exact ? Step.POP_REFEED : null;
    }

    private boolean prefixMatches(byte[] lit) {
        return lit.length >= pos; // the prefix itself is checked when narrowing (see FilteredLiteral)
    }

    @Override
    public boolean canEnd() {
        return literals.stream().anyMatch(l -> l.length == pos);
    }

    @Override
    public int minRemaining() {
        return literals.stream().mapToInt(l -> l.length - pos).filter(n -> n >= 0).min().orElse(0);
    }
}

/** Narrows a literal set to those that continue with byte {@code b} (or end exactly before it). */
record FilteredLiteral(LiteralFrame next, int b) {
    LiteralFrame frame() {
        int pos = next.pos() - 1;
        List<byte[]> kept = next.literals().stream()
                .filter(l -> l.length > pos && (l[pos] & 0xFF) == b)
                .toList();
        return new LiteralFrame(kept, next.pos());
    }
}
