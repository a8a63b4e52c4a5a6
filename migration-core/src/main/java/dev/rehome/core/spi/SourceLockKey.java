package dev.rehome.core.spi;

import java.util.Objects;

/**
 * What the run lock is keyed on: the SOURCE database (namespace, workload, database), not the app or the
 * target, so two runs that would fence or copy the same database exclude each other whatever they call the app.
 */
public record SourceLockKey(String namespace, String workload, String database) {
    public SourceLockKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(database, "database");
    }

    /** The lock name to pass to {@link Lock#acquire}; a Lease-backed lock makes it a valid object name. */
    public String lockName() {
        return "source/" + namespace + "/" + workload + "/" + database;
    }
}
