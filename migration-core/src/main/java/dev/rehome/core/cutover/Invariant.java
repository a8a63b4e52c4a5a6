package dev.rehome.core.cutover;

import dev.rehome.core.Identifiers;
import java.util.Objects;
import java.util.Optional;

/**
 * A business fact that must read the same before and after the move: {@code count(*)} of one table, optionally
 * filtered. The table is an identifier and is always quoted; {@code where} is SQL written by the operator in the
 * config file (e.g. {@code status = 'paid'}) and is run as given, inside a read-only transaction, so it can read
 * but never change data. Treat the config file like code.
 */
public record Invariant(String name, String schema, String table, Optional<String> where) {
    public Invariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(where, "where");
        if (where.isPresent() && where.get().contains(";")) {
            throw new IllegalArgumentException("invariant '" + name + "': where clause must be one expression, no ';'");
        }
    }

    public static Invariant count(String table) {
        return new Invariant(table, "public", table, Optional.empty());
    }

    public static Invariant count(String name, String table, String where) {
        return new Invariant(name, "public", table, Optional.of(where));
    }

    /** {@code SELECT count(*) FROM "schema"."table" [WHERE ...]}. */
    public String sql() {
        return "SELECT count(*) FROM " + Identifiers.qualified(schema, table) + where.map(w -> " WHERE " + w).orElse("");
    }
}
