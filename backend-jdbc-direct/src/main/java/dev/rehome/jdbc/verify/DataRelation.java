package dev.rehome.jdbc.verify;

import dev.rehome.core.TableRef;
import java.util.List;
import java.util.Objects;

/**
 * A relation that stores rows of its own: a table (a leaf partition included, a partitioned parent not) or a
 * materialized view, with its live columns in {@code attnum} order and its size in pages (as of the last
 * {@code VACUUM}/{@code ANALYZE}; used only to start the biggest tables first), and the type OID of each column
 * that {@link RecordHashChecksum} can hash from its stored form.
 */
record DataRelation(TableRef table, boolean materializedView, boolean populated, List<String> columns, long pages,
                    java.util.Map<String, String> nativeTypes) {
    DataRelation {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        nativeTypes = java.util.Map.copyOf(nativeTypes);
    }

    String kind() {
        return materializedView ? "materialized view" : "table";
    }
}
