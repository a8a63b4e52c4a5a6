package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;

/**
 * Cheap proofs that nobody wrote. The source's XID witness is the next transaction id of the instance: it moves
 * when any transaction writes (reliability-facts §2.4). The target's witness is its content compared with
 * the fenced source (see the re-point step's undo).
 */
final class Witnesses {
    private Witnesses() {
    }

    /** The next XID to be assigned; reading it assigns none. */
    static long sourceXid(DatabaseEndpoint source) {
        return Sql.with(source, c -> Sql.queryLong(c, "SELECT pg_catalog.pg_snapshot_xmax(pg_catalog.pg_current_snapshot())::text::bigint"));
    }

    /**
     * Rows inserted, updated or deleted in the database since its statistics were last reset
     * ({@code pg_stat_user_tables}). A backend's counts reach it when the backend ends, so after the fence ended
     * the app's sessions the number is settled; autovacuum and ANALYZE leave it alone, unlike the XID.
     */
    static long rowChanges(DatabaseEndpoint source) {
        return Sql.with(source, c -> Sql.queryLong(c, "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::bigint"
                + " FROM pg_catalog.pg_stat_user_tables"));
    }

    /** Client sessions on the database other than rehome's own. */
    static long foreignBackends(DatabaseEndpoint source) {
        return Sql.with(source, c -> Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = ? "
                + "AND pid <> pg_catalog.pg_backend_pid() AND backend_type = 'client backend'", source.database()));
    }
}
