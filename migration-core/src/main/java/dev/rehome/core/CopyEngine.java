package dev.rehome.core;

/**
 * Copies one database into another, empty one. Implementations: {@code dump-restore} (pg_dump | pg_restore run
 * by a command runner) and {@code jdbc-direct} (parallel COPY streams on one exported snapshot).
 *
 * <p>Contract: the target database exists and holds no user tables (callers check with a target guard); the
 * source is only read; generated columns are never written and triggers never fire during the load; memory
 * does not grow with the size of the data. A failed copy throws a {@link MigrationException} and may leave a
 * half-filled target, which the caller drops or cleans.
 */
public interface CopyEngine {
    /** The id used on the command line: {@code dump-restore} or {@code jdbc-direct}. */
    String id();

    CopyResult copy(CopyRequest request, MigrationListener listener);
}
