package dev.rehome.jdbc.copy;

import dev.rehome.core.Identifiers;
import dev.rehome.core.TableRef;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One table whose rows the engine copies: its stored columns (generated columns left out, so the target
 * computes them), whether binary COPY is safe for all of them, its size (heap and TOAST) for largest-first
 * scheduling, and its heap pages for cutting it into page ranges.
 */
public record TableSpec(TableRef table, List<String> columns, boolean binary, long estimatedBytes, long heapPages) {
    public TableSpec {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
    }

    /** {@code "s"."t" ("a", "b")}, or just the table when it has no stored column (COPY then moves empty rows). */
    public String copyTarget() {
        if (columns.isEmpty()) {
            return table.sql();
        }
        return table.sql() + " (" + columns.stream().map(Identifiers::quote).collect(Collectors.joining(", ")) + ")";
    }

    /** The stored columns for a {@code SELECT}; empty for a zero-column table ({@code SELECT FROM t} is valid). */
    public String selectList() {
        return columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    public String copyOptions() {
        return binary ? " (FORMAT binary)" : " (FORMAT text)";
    }
}
