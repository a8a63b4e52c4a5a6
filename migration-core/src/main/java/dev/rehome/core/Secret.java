package dev.rehome.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * A password or other credential. {@link #toString()} never shows the value, so a Secret can sit in records,
 * logs and exception messages without leaking. Only {@link #reveal()} gives the value, for the one place that
 * hands it to a driver or a child process's environment. Immutable and thread-safe.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret(new char[0]);
    private final char[] value;

    private Secret(char[] value) {
        this.value = value;
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return value.isEmpty() ? EMPTY : new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "value");
        return value.length == 0 ? EMPTY : new Secret(value.clone());
    }

    public static Secret empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** The clear value. Call only where the value leaves for a driver, an env var or a Kubernetes Secret. */
    public String reveal() {
        return new String(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "<none>" : "<redacted>";
    }
}
