package dev.rehome.cutover.steps;

import dev.rehome.core.DatabaseEndpoint;
import java.util.List;

/** A server's major version, the extensions the database uses, those it could install, and the database's size. */
record ServerFacts(int major, List<String> extensions, List<String> available, long databaseBytes) {
    static ServerFacts read(DatabaseEndpoint endpoint) {
        return Sql.with(endpoint, c -> new ServerFacts(
                (int) (Sql.queryLong(c, "SELECT current_setting('server_version_num')::int") / 10000),
                Sql.queryColumn(c, "SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' ORDER BY 1"),
                Sql.queryColumn(c, "SELECT name FROM pg_catalog.pg_available_extensions ORDER BY 1"),
                Sql.queryLong(c, "SELECT pg_catalog.pg_database_size(pg_catalog.current_database())")));
    }
}
