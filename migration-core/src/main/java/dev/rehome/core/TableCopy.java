package dev.rehome.core;

import java.time.Duration;
import java.util.Objects;

/** What the copy moved for one table. {@code rows}/{@code bytes} are -1 when the engine cannot tell (pg_restore). */
public record TableCopy(TableRef table, long rows, long bytes, Duration duration) {
    public TableCopy {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(duration, "duration");
    }
}
