package dev.rehome.sandbox;

import dev.rehome.core.Identifiers;
import dev.rehome.testkit.PostgresServer;

/**
 * Extra rows for the sandbox's source ({@code --sandbox-size-mb}): one table of about the asked size, with a
 * primary key and a secondary index, owned like the app's tables, so copy, verification and the downtime estimate
 * can be seen at a database's real size before a real cluster is touched. The app's own tables stay as they are.
 */
final class SandboxBulk {
    static final String TABLE = "sandbox_bulk";
    /** Rows per MiB of table: a bigint, a 92-character text and a timestamp, with their tuple headers. */
    private static final long ROWS_PER_MIB = 6_500;

    private SandboxBulk() {
    }

    static void fill(PostgresServer source, String database, String appRole, long megabytes) {
        if (megabytes <= 0) {
            return;
        }
        String table = Identifiers.quote(TABLE);
        source.execute(database, "CREATE TABLE " + table + " (id bigint PRIMARY KEY, note text NOT NULL, at timestamptz NOT NULL);"
                + " INSERT INTO " + table + " SELECT g, md5(g::text) || repeat('x', 60), timestamptz '2026-01-01' + g * interval '1 second'"
                + " FROM generate_series(1, " + megabytes * ROWS_PER_MIB + ") g;"
                + " CREATE INDEX ON " + table + " (at); ANALYZE " + table + ";"
                + " GRANT ALL ON " + table + " TO " + Identifiers.quote(appRole));
    }
}
