package dev.rehome.core;

import java.util.Objects;

/** One copy: from {@code source} into the existing, empty {@code target} database. */
public record CopyRequest(DatabaseEndpoint source, DatabaseEndpoint target, CopyOptions options) {
    public CopyRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(options, "options");
    }
}
