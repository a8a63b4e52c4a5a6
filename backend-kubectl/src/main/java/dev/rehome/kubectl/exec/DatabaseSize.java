package dev.rehome.kubectl.exec;

import dev.rehome.core.DatabaseEndpoint;
import java.util.OptionalLong;

/** The size in bytes of a source database ({@code pg_database_size}), when the caller knows it. */
@FunctionalInterface
public interface DatabaseSize {
    DatabaseSize UNKNOWN = source -> OptionalLong.empty();

    OptionalLong bytes(DatabaseEndpoint source);
}
