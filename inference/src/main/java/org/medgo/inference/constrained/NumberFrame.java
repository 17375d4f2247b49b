package org.medgo.inference.constrained;

import org.medgo.inference.constrained.JsonState.Frame;
import org.medgo.inference.constrained.JsonState.Step;

/** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? (integers: no fraction or exponent). */
record NumberFrame(boolean integer, int state, int digits) implements Frame {
    static final int SIGN = 0;      // after '-'
    static final int ZERO = 1;      // leading 0
    static final int INT = 2;       // [1-9][0-9]*
    static final int DOT = 3;       // after '.'
    static final int FRAC = 4;
    static final int EXP = 5;       // after e/E
    static final int EXP_SIGN = 6;
    static final int EXP_DIGITS = 7;

    static Step begin(boolean integer, int b) {
        if (b == '-') {
            return Step.replace(new NumberFrame(integer, SIGN, 0));
        }
        if (b == '0') {
            return Step.replace(new NumberFrame(integer, ZERO, 1));
        }
        if (b >= '1' && b <= '9') {
            return Step.replace(new NumberFrame(integer, INT, 1));
        }
        return null;
    }

    @Override
    public Step step(int b) {
        boolean digit = b >= '0' && b <= '9';
        boolean room = digits < SchemaNode.MAX_NUMBER_DIGITS;
        switch (state) {
            case SIGN -> {
                if (b == '0') {
                    return Step.replace(new NumberFrame(integer, ZERO, 1));
                }
                return digit ? Step.replace(new NumberFrame(integer, INT, 1)) : null;
            }
            case ZERO, INT -> {
                if (digit && state == INT && room) {
                    return Step.replace(new NumberFrame(integer, INT, digits + 1));
                }
                if (!integer && b == '.' && room) {
                    return Step.replace(new NumberFrame(integer, DOT, digits));
                }
                if (!integer && (b == 'e' || b == 'E')) {
                    return Step.replace(new NumberFrame(integer, EXP, digits));
                }
                return digit ? null : Step.POP_REFEED;
            }
            case DOT -> {
                return digit ? Step.replace(new NumberFrame(integer, FRAC, digits + 1)) : null;
            }
            case FRAC -> {
                if (digit && room) {
                    return Step.replace(new NumberFrame(integer, FRAC, digits + 1));
                }
                if (b == 'e' || b == 'E') {
                    return Step.replace(new NumberFrame(integer, EXP, digits));
                }
                return digit ? null : Step.POP_REFEED;
            }
            case EXP -> {
                if (b == '+' || b == '-') {
                    return Step.replace(new NumberFrame(integer, EXP_SIGN, digits));
                }
                return digit ? Step.replace(new NumberFrame(integer, EXP_DIGITS, 1)) : null;
            }
            case EXP_SIGN -> {
                return digit ? Step.replace(new NumberFrame(integer, EXP_DIGITS, 1)) : null;
            }
            case EXP_DIGITS -> {
                if (digit && digits < 3) {
                    return Step.replace(new NumberFrame(integer, EXP_DIGITS, digits + 1));
                }
                return digit ? null : Step.POP_REFEED;
            }
            default -> throw new IllegalStateException();
        }
    }

    @Override
    public boolean canEnd() {
        return state == ZERO || state == INT || state == FRAC || state == EXP_DIGITS;
    }

    @Override
    public int minRemaining() {
        return canEnd() ? 0 : 1;
    }
}
