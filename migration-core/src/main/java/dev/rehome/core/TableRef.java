package dev.rehome.core;

import java.util.Objects;

/** A table by schema and name, unquoted. {@link #sql()} is its quoted form for SQL, {@link #toString()} for people. */
public record TableRef(String schema, String name) implements Comparable<TableRef> {
    public TableRef {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
    }

    public String sql() {
        return Identifiers.qualified(schema, name);
    }

    @Override
    public int compareTo(TableRef o) {
        int c = schema.compareTo(o.schema);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
