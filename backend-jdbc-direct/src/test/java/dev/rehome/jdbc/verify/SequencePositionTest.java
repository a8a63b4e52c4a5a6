package dev.rehome.jdbc.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencePositionTest {

    private static long next(long last, boolean called, long increment, long min, long max, boolean cycle) {
        return new SequencePosition(last, called, increment, min, max, cycle).nextValue();
    }

    @Test
    void aFreshSequenceHandsOutItsLastValue() {
        assertThat(next(1, false, 1, 1, Long.MAX_VALUE, false)).isEqualTo(1);
    }

    @Test
    void aCalledSequenceHandsOutLastValuePlusIncrement() {
        assertThat(next(100, true, 1, 1, Long.MAX_VALUE, false)).isEqualTo(101);
        assertThat(next(-100, true, -5, Long.MIN_VALUE, -1, false)).isEqualTo(-105);
    }

    @Test
    void setvalWithAndWithoutIsCalledAreTellApart() {
        assertThat(next(10, false, 1, 1, 1000, false)).isEqualTo(next(9, true, 1, 1, 1000, false));
        assertThat(next(10, true, 1, 1, 1000, false)).isEqualTo(11);
    }

    @Test
    void anExhaustedSequenceHasNoNextValueUnlessItCycles() {
        assertThat(next(1000, true, 1, 1, 1000, false)).isEqualTo(Long.MAX_VALUE);
        assertThat(next(Long.MAX_VALUE, true, 1, 1, Long.MAX_VALUE, false)).isEqualTo(Long.MAX_VALUE);
        assertThat(next(1000, true, 1, 5, 1000, true)).isEqualTo(5);
        assertThat(next(-100, true, -1, -100, -1, false)).isEqualTo(Long.MIN_VALUE);
        assertThat(next(-100, true, -1, -100, -1, true)).isEqualTo(-1);
    }
}
