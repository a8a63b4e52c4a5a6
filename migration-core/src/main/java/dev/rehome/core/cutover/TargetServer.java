package dev.rehome.core.cutover;

import java.util.List;

/** The target server's PostgreSQL major and the extensions it could install, as read by an administrator. */
public record TargetServer(int major, List<String> availableExtensions) {
    public TargetServer {
        availableExtensions = List.copyOf(availableExtensions);
    }
}
