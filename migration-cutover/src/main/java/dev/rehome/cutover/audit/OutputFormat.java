package dev.rehome.cutover.audit;

import java.util.Locale;

/** The formats {@code audit --output} accepts. */
public enum OutputFormat {
    TABLE, JSON, MARKDOWN, PROMETHEUS;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
