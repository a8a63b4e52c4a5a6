package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Looks at a target without changing it, for {@code copy --dry-run}: does the database exist, and which user
 * relations, schemas, functions, types and large objects does it hold (the kinds
 * {@link dev.rehome.jdbc.TargetGuard} refuses). Thread-safe.
 */
final class TargetInspection {
    /** Kinds of user object a copy would collide with; extension members do not count. */
    private static final String USER_OBJECTS = "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND " + userSchema("n")
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
            + " UNION ALL SELECT 'schema ' || n.nspname FROM pg_catalog.pg_namespace n"
            + " WHERE " + userSchema("n") + " AND n.nspname <> 'public'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')"
            + " UNION ALL SELECT 'function ' || p.oid::pg_catalog.regprocedure::text FROM pg_catalog.pg_proc p"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + userSchema("n")
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
            + " UNION ALL SELECT 'type ' || t.oid::pg_catalog.regtype::text FROM pg_catalog.pg_type t"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE " + userSchema("n")
            + " AND t.typtype IN ('e', 'd', 'r') "
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e')"
            + " UNION ALL SELECT 'large object ' || m.oid FROM pg_catalog.pg_largeobject_metadata m"
            + " ORDER BY 1";

    private static String userSchema(String alias) {
        return alias + ".nspname NOT LIKE 'pg\\_%' AND " + alias + ".nspname <> 'information_schema'";
    }

    private final PgConnector connector;

    TargetInspection(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    /** Whether the database exists, and the user objects it holds (empty when it does not exist). */
    record State(boolean exists, List<String> objects) {
        boolean empty() {
            return objects.isEmpty();
        }
    }

    State inspect(DatabaseEndpoint target) {
        try (Connection c = connector.openRaw(target); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(USER_OBJECTS)) {
            List<String> objects = new ArrayList<>();
            while (rs.next()) {
                objects.add(rs.getString(1));
            }
            return new State(true, objects);
        } catch (UnreachableException e) {
            if (e.getCause() instanceof SQLException sql && "3D000".equals(sql.getSQLState())) {
                return new State(false, List.of());
            }
            throw e;
        } catch (SQLException e) {
            throw new OperationFailedException("cannot list the objects in " + target.describe() + ": " + e.getMessage(), e);
        }
    }
}
