package dev.rehome.core;

import java.util.Objects;

/**
 * Quoting of SQL identifiers. Every identifier rehome writes into SQL goes through {@link #quote(String)},
 * so {@code "Mixed Case"."Order Items"} and names with quotes or unicode work; values are always bound
 * parameters, never concatenated.
 */
public final class Identifiers {
    private Identifiers() {
    }

    public static String quote(String identifier) {
        Objects.requireNonNull(identifier, "identifier");
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("identifier contains a NUL character");
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** Quotes a string as a SQL literal, for the few statements (DDL) that cannot take bound parameters. */
    public static String literal(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("literal contains a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
    }
}
