package dev.rehome.basketball.steps;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.RefusedException;
import java.util.List;

/**
 * Fences the source database so nothing but rehome can write (reliability-facts §2.2): no new connections for
 * PUBLIC and the app role, every other client session terminated, and none left. Catalog changes survive a
 * restart of the source pod. Superusers are not stopped by REVOKE; that is why the XID witness is checked too.
 */
final class SourceFence {
    private SourceFence() {
    }

    static List<String> statements(String database, String appRole) {
        String db = Identifiers.quote(database);
        return List.of("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC",
                "REVOKE CONNECT ON DATABASE " + db + " FROM " + Identifiers.quote(appRole),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Identifiers.literal(database)
                        + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
    }

    static List<String> liftStatements(String database, String appRole) {
        String db = Identifiers.quote(database);
        return List.of("GRANT CONNECT ON DATABASE " + db + " TO PUBLIC",
                "GRANT CONNECT ON DATABASE " + db + " TO " + Identifiers.quote(appRole));
    }

    static void apply(DatabaseEndpoint source, String appRole) {
        String db = Identifiers.quote(source.database());
        Sql.with(source, c -> {
            Sql.execute(c, "REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC");
            if (roleExists(c, appRole)) {
                Sql.execute(c, "REVOKE CONNECT ON DATABASE " + db + " FROM " + Identifiers.quote(appRole));
            }
            Sql.queryColumn(c, "SELECT pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity "
                    + "WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid() AND backend_type = 'client backend'",
                    source.database());
            return null;
        });
        long left = Witnesses.foreignBackends(source);
        if (left > 0) {
            throw new RefusedException(left + " client session(s) are still connected to the source database '"
                    + source.database() + "' after the fence; find them in pg_stat_activity and rerun");
        }
    }

    static void lift(DatabaseEndpoint source, String appRole) {
        String db = Identifiers.quote(source.database());
        Sql.with(source, c -> {
            Sql.execute(c, "GRANT CONNECT ON DATABASE " + db + " TO PUBLIC");
            if (roleExists(c, appRole)) {
                Sql.execute(c, "GRANT CONNECT ON DATABASE " + db + " TO " + Identifiers.quote(appRole));
            }
            return null;
        });
    }

    private static boolean roleExists(java.sql.Connection c, String role) throws java.sql.SQLException {
        return Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?", role) > 0;
    }
}
