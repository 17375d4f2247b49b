package org.medgo.deidentify.text;

import org.medgo.deidentify.PhiType;

/** A detected identifier: UTF-16 offsets into the original text, end exclusive. */
public record Span(int start, int end, PhiType type) implements Comparable<Span> {
    public Span {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }

    public boolean overlaps(Span other) {
        return start < other.end && other.start < end;
    }

    @Override
    public int compareTo(Span o) {
        return start != o.start ? Integer.compare(start, o.start) : Integer.compare(o.end, end);
    }
}
