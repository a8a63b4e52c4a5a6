package dev.rehome.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a finished copy. {@code notices} are things the operator should know but that did not fail the
 * copy, e.g. "GRANT SELECT ON public.t TO reporting not replayed: role reporting does not exist in the target".
 */
public record CopyResult(String engine, Duration duration, List<TableCopy> tables, List<String> notices) {
    public CopyResult {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(duration, "duration");
        tables = List.copyOf(tables);
        notices = List.copyOf(notices);
    }

    public long totalRows() {
        return tables.stream().mapToLong(t -> Math.max(0, t.rows())).sum();
    }

    public long totalBytes() {
        return tables.stream().mapToLong(t -> Math.max(0, t.bytes())).sum();
    }
}
