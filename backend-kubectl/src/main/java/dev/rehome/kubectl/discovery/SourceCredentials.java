package dev.rehome.kubectl.discovery;

import dev.rehome.core.Secret;
import java.util.Map;
import java.util.Objects;

/**
 * The login the source database was initialised with, and where each part came from (never the values).
 * {@code password} is a {@link Secret}, so this record can be logged.
 */
public record SourceCredentials(String user, Secret password, String database, Map<String, String> origins) {
    public SourceCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        origins = Map.copyOf(origins);
    }
}
