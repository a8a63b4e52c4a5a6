package dev.rehome.jdbc;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.InvalidConfigurationException;
import dev.rehome.core.OperationFailedException;
import dev.rehome.core.RefusedException;
import dev.rehome.core.UnreachableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure a copy lands in an empty database. Creates the target database when it is missing (UTF8, locale
 * {@code C} from {@code template0}, owned by the owner role when one is given); refuses with
 * {@link RefusedException} when it already holds user objects (relations, schemas other than {@code public},
 * functions, types, large objects), naming what it found and changing nothing; with {@code clean}, drops and
 * recreates exactly that one database. Extensions alone do not count: administrators often pre-install them and
 * the copy's {@code CREATE EXTENSION IF NOT EXISTS} keeps them. Maintenance work happens over the
 * {@code postgres} database of the same server with the target's login. Its SQL runs through jdbi handles
 * borrowed from the sessions it opens ({@link BorrowedHandles#query}, so failures still arrive as the driver's
 * SQLException and read as before). Thread-safe.
 */
public final class TargetGuard {
    /** What the guard did. */
    public enum Outcome { CREATED, EMPTY, RECREATED }

    private static final Logger LOG = LoggerFactory.getLogger(TargetGuard.class);
    private static final Set<String> PROTECTED = Set.of("postgres", "template0", "template1");
    private static final int SHOWN = 5;

    private final PgConnector connector;

    public TargetGuard(PgConnector connector) {
        this.connector = Objects.requireNonNull(connector, "connector");
    }

    public TargetGuard() {
        this(new PgConnector("rehome-guard"));
    }

    /**
     * What the target holds, changing nothing: whether the database exists and, per kind, the user objects that
     * {@link #prepare} would refuse to copy over ({@code "2 relations (public.a, public.b)"}). For dry runs.
     */
    public record Inspection(boolean exists, List<String> objects) {
        public Inspection {
            objects = List.copyOf(objects);
        }

        public boolean empty() {
            return objects.isEmpty();
        }
    }

    public Inspection inspect(DatabaseEndpoint target) {
        try (Connection admin = openMaintenance(target)) {
            if (!exists(admin, target.database())) {
                return new Inspection(false, List.of());
            }
            return new Inspection(true, userObjects(target));
        } catch (SQLException e) {
            throw new OperationFailedException("cannot inspect target database on " + target.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    public Outcome prepare(DatabaseEndpoint target, Optional<String> owner, boolean clean) {
        Objects.requireNonNull(owner, "owner");
        try (Connection admin = openMaintenance(target)) {
            owner.ifPresent(role -> requireRole(admin, role, target));
            if (!exists(admin, target.database())) {
                create(admin, target, owner);
                return Outcome.CREATED;
            }
            List<String> found = userObjects(target);
            if (found.isEmpty()) {
                return Outcome.EMPTY;
            }
            if (!clean) {
                throw new RefusedException("target database '" + target.database() + "' on " + target.describe()
                        + " is not empty (" + String.join("; ", found) + "); pick an empty database or pass --clean"
                        + " to drop and recreate it");
            }
            if (PROTECTED.contains(target.database())) {
                throw new RefusedException("will not drop the maintenance database '" + target.database() + "' on "
                        + target.describe() + "; copy into a database of its own");
            }
            LOG.info("dropping and recreating target database '{}' on {} (clean requested; it held: {})",
                    target.database(), target.describe(), String.join("; ", found));
            execute(admin, "DROP DATABASE " + Identifiers.quote(target.database()) + " WITH (FORCE)", target);
            create(admin, target, owner);
            return Outcome.RECREATED;
        } catch (SQLException e) {
            throw new OperationFailedException("cannot prepare target database on " + target.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The {@code postgres} database, or {@code template1} on servers where it was dropped. */
    private Connection openMaintenance(DatabaseEndpoint target) {
        try {
            return connector.open(target.withDatabase("postgres"));
        } catch (UnreachableException e) {
            if (e.getCause() instanceof SQLException sql && "3D000".equals(sql.getSQLState())) {
                return connector.open(target.withDatabase("template1"));
            }
            throw e;
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        return any(admin, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?", database);
    }

    private static void requireRole(Connection admin, String role, DatabaseEndpoint target) {
        boolean found;
        try {
            found = any(admin, "SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?", role);
        } catch (SQLException e) {
            throw new OperationFailedException("cannot look up role '" + role + "' on " + target.describe(), e);
        }
        if (!found) {
            throw new InvalidConfigurationException("owner role '" + role + "' does not exist on "
                    + target.describe() + "; create it first or name an existing role");
        }
    }

    /** Whether {@code sql}, with {@code value} bound to its one parameter, returns a row. */
    private static boolean any(Connection c, String sql, String value) throws SQLException {
        return BorrowedHandles.query(c, h -> h.createQuery(sql).bind(0, value).mapTo(Integer.class).findFirst()
                .isPresent());
    }

    private static void create(Connection admin, DatabaseEndpoint target, Optional<String> owner) throws SQLException {
        int major = admin.getMetaData().getDatabaseMajorVersion();
        String sql = "CREATE DATABASE " + Identifiers.quote(target.database())
                + owner.map(o -> " OWNER " + Identifiers.quote(o)).orElse("")
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
                // an ICU-default cluster would otherwise demand an ICU locale for the new database
                + (major >= 15 ? " LOCALE_PROVIDER libc" : "");
        execute(admin, sql, target);
        LOG.info("created target database '{}' on {} (UTF8, locale C)", target.database(), target.describe());
    }

    private List<String> userObjects(DatabaseEndpoint target) throws SQLException {
        String ext = "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = '%s'::regclass"
                + " AND d.objid = %s AND d.deptype = 'e')";
        String userNs = "nspname !~ '^pg_' AND nspname <> 'information_schema'";
        List<String> found = new ArrayList<>();
        try (Connection c = connector.open(target)) {
            collect(c, found, "relation", "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN"
                    + " ('r','p','v','m','S','f') AND " + userNs + " AND "
                    + String.format(ext, "pg_catalog.pg_class", "c.oid") + " ORDER BY 1");
            collect(c, found, "schema", "SELECT format('%I', nspname) FROM pg_catalog.pg_namespace n WHERE " + userNs
                    + " AND nspname <> 'public' AND " + String.format(ext, "pg_catalog.pg_namespace", "n.oid") + " ORDER BY 1");
            collect(c, found, "function", "SELECT p.oid::regprocedure::text FROM pg_catalog.pg_proc p"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE " + userNs + " AND "
                    + String.format(ext, "pg_catalog.pg_proc", "p.oid") + " ORDER BY 1");
            collect(c, found, "type", "SELECT format('%I.%I', n.nspname, t.typname) FROM pg_catalog.pg_type t"
                    + " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace WHERE " + userNs
                    + " AND t.typcategory <> 'A' AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_catalog.pg_class r"
                    + " WHERE r.oid = t.typrelid AND r.relkind = 'c')) AND "
                    + String.format(ext, "pg_catalog.pg_type", "t.oid") + " ORDER BY 1");
            collect(c, found, "large object", "SELECT oid::text FROM pg_catalog.pg_largeobject_metadata ORDER BY oid");
        }
        return found;
    }

    private static void collect(Connection c, List<String> found, String kind, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        // only the first few names are kept, the rest just counted: a target may hold millions of large objects
        int total = BorrowedHandles.query(c, h -> h.createQuery(sql).mapTo(String.class).reduce(0, (n, name) -> {
            if (n < SHOWN) {
                names.add(name);
            }
            return n + 1;
        }));
        if (total > 0) {
            found.add(total + " " + kind + (total == 1 ? "" : "s") + " (" + String.join(", ", names)
                    + (total > SHOWN ? ", ..." : "") + ")");
        }
    }

    private static void execute(Connection admin, String sql, DatabaseEndpoint target) {
        try {
            BorrowedHandles.run(admin, h -> h.execute(sql));
        } catch (SQLException e) {
            throw new OperationFailedException("'" + sql + "' failed on " + target.describe() + ": " + e.getMessage(), e);
        }
    }
}
