package dev.rehome.jdbc.verify;

import java.util.Objects;

/** The same question answered by the source and by the target. */
record Sides<T>(T source, T target) {
    Sides {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
