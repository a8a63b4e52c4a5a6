package dev.rehome.jdbc.verify;

/**
 * Where a sequence stands, as the value the next {@code nextval()} returns. Comparing {@code last_value} alone
 * misses {@code is_called}: {@code setval(s, 10, false)} and {@code setval(s, 9, true)} both hand out 10 next,
 * while {@code setval(s, 10, true)} hands out 11.
 */
record SequencePosition(long lastValue, boolean isCalled, long increment, long min, long max, boolean cycle) {
    /**
     * The value {@code nextval()} would return next. A sequence that has reached its end without {@code CYCLE}
     * reports {@link Long#MAX_VALUE} (ascending) or {@link Long#MIN_VALUE} (descending): it has no next value,
     * and both sides in that state compare equal.
     */
    long nextValue() {
        if (!isCalled) {
            return lastValue;
        }
        long next;
        try {
            next = Math.addExact(lastValue, increment);
        } catch (ArithmeticException overflow) {
            return exhausted();
        }
        if (next > max || next < min) {
            return exhausted();
        }
        return next;
    }

    private long exhausted() {
        if (cycle) {
            return increment > 0 ? min : max;
        }
        return increment > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
}
