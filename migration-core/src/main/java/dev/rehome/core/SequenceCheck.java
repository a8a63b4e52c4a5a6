package dev.rehome.core;

import java.util.Objects;

/** The position of one sequence on both sides: the next value {@code nextval()} would return. */
public record SequenceCheck(String name, long source, long target) {
    public SequenceCheck {
        Objects.requireNonNull(name, "name");
    }

    public boolean match() {
        return source == target;
    }
}
