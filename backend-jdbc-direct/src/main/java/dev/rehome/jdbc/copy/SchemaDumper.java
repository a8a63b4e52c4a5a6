package dev.rehome.jdbc.copy;

import dev.rehome.core.DatabaseEndpoint;

/**
 * Produces plain-SQL schema DDL of one section of the source database, read in the given exported snapshot so
 * the schema matches the data the engine copies. Implementations run {@code pg_dump} locally or where a
 * matching {@code pg_dump} lives (the source pod). Thread-safe.
 */
public interface SchemaDumper {
    /**
     * The DDL of {@code section}, without ownership ({@code --no-owner}); privileges are included so the engine
     * can replay those whose roles exist.
     *
     * @param snapshotId an id from {@code pg_export_snapshot()} whose transaction is still open
     */
    String dump(DatabaseEndpoint source, int sourceMajor, String snapshotId, DumpSection section);
}
