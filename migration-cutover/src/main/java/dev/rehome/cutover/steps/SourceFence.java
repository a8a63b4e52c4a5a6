package dev.rehome.cutover.steps;

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
            // PG14+ waits (up to 5 s) until each terminated backend has exited, so the count below sees the result.
            String terminate = c.getMetaData().getDatabaseMajorVersion() >= 14
                    ? "pg_catalog.pg_terminate_backend(pid, 5000)" : "pg_catalog.pg_terminate_backend(pid)";
            Sql.queryColumn(c, "SELECT " + terminate + " FROM pg_catalog.pg_stat_activity "
                    + "WHERE datname = ? AND pid <> pg_catalog.pg_backend_pid() AND backend_type = 'client backend'",
                    source.database());
            return null;
        });
        // Counted in a session of its own, after the fencing session is gone; a backend of ours that is still
        // exiting would otherwise count as a foreign one.
        long left = remainingForeignBackends(source);
        if (left > 0) {
            throw new RefusedException(left + " client session(s) are still connected to the source database '"
                    + source.database() + "' after the fence; find them in pg_stat_activity and rerun");
        }
    }

    private static long remainingForeignBackends(DatabaseEndpoint source) {
        long left = Witnesses.foreignBackends(source);
        for (int i = 0; left > 0 && i < 50; i++) {
            // Only our own just-closed sessions can still be exiting here: new logins are revoked.
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            left = Witnesses.foreignBackends(source);
        }
        return left;
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
