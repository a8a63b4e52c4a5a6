package dev.rehome.fleet.cli;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import dev.rehome.jdbc.PgConnector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes sure a copy lands in an empty database: creates the target database when it does not exist (UTF8,
 * locale C, from template0), refuses (exit 3, nothing changed) one that already holds tables or schemas, and
 * with {@code clean} drops and recreates it with the same owner. Creating and dropping go through the
 * {@code postgres} maintenance database of the same server. Thread-safe.
 */
final class TargetDatabase {
    private static final String USER_OBJECTS = "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')"
            + " AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')"
            + " UNION ALL SELECT 'schema ' || n.nspname FROM pg_catalog.pg_namespace n"
            + " WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT IN ('information_schema', 'public')"
            + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.objid = n.oid AND d.deptype = 'e')"
            + " ORDER BY 1";

    private final PgConnector connector;

    TargetDatabase(PgConnector connector) {
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

    /** Refuses a non-empty target unless {@code clean}; returns what it did, for the report. */
    List<String> prepare(DatabaseEndpoint target, boolean clean) {
        State state = inspect(target);
        if (!state.exists()) {
            execute(target, "CREATE DATABASE " + Identifiers.quote(target.database())
                    + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
            return List.of("created database " + target.database() + " on " + target.host() + ":" + target.port()
                    + " (UTF8, locale C)");
        }
        if (state.empty()) {
            return List.of();
        }
        if (!clean) {
            throw refusal(target, state);
        }
        String owner = owner(target);
        execute(target, "DROP DATABASE " + Identifiers.quote(target.database()) + " WITH (FORCE)");
        execute(target, "CREATE DATABASE " + Identifiers.quote(target.database()) + " OWNER " + Identifiers.quote(owner)
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return List.of("--clean: dropped and recreated database " + target.database() + " (it held "
                + state.objects().size() + " objects)");
    }

    static RefusedException refusal(DatabaseEndpoint target, State state) {
        List<String> objects = state.objects();
        return new RefusedException("target " + target.describe() + " is not empty (" + objects.size() + " objects, e.g. "
                + String.join(", ", objects.subList(0, Math.min(3, objects.size())))
                + "); nothing was changed. Copy into an empty or new database, or pass --clean to drop and"
                + " recreate it");
    }

    private String owner(DatabaseEndpoint target) {
        try (Connection c = connector.openRaw(target.withDatabase("postgres"));
             PreparedStatement ps = c.prepareStatement("SELECT pg_catalog.pg_get_userbyid(datdba)"
                     + " FROM pg_catalog.pg_database WHERE datname = ?")) {
            ps.setString(1, target.database());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : target.user();
            }
        } catch (SQLException e) {
            throw new OperationFailedException("cannot read the owner of " + target.describe() + ": " + e.getMessage(), e);
        }
    }

    private void execute(DatabaseEndpoint target, String sql) {
        try (Connection c = connector.openRaw(target.withDatabase("postgres")); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new OperationFailedException("on " + target.host() + ":" + target.port() + ", '" + sql + "' failed: "
                    + e.getMessage() + "; create the database yourself or give the target user CREATEDB", e);
        }
    }
}
