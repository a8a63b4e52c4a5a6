package dev.rehome.core.cutover;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The target server as an administrator reads it: its PostgreSQL major, the extensions it could install, and the
 * free bytes of its data volume (empty when they cannot be read).
 */
public record TargetServer(int major, List<String> availableExtensions, OptionalLong freeBytes) {
    public TargetServer {
        availableExtensions = List.copyOf(availableExtensions);
        Objects.requireNonNull(freeBytes, "freeBytes");
    }

    public TargetServer(int major, List<String> availableExtensions) {
        this(major, availableExtensions, OptionalLong.empty());
    }
}
