package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;

/** Whether a target database already holds user tables. */
final class TargetTables {
    private TargetTables() {
    }

    static long count(DatabaseEndpoint target) {
        return Sql.with(target, c -> Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_class c "
                + "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') "
                + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"));
    }
}
