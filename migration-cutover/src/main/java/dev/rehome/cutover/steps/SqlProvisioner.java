package dev.rehome.cutover.steps;

import dev.rehome.core.cutover.Databases;
import dev.rehome.core.cutover.TargetProvisioner;
import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.RefusedException;
import dev.rehome.core.Secret;
import org.jdbi.v3.core.Handle;
import java.util.List;
import java.util.Objects;

/**
 * Provisions the role and database with SQL as the target's superuser. The database carries rehome's marker as
 * its comment; the role is ours when it owns our marked database. The new database is closed to PUBLIC
 * (tenant isolation, reliability-facts rule 11) and the role gets no SUPERUSER, CREATEDB or CREATEROLE.
 * Thread-safe.
 */
public final class SqlProvisioner implements TargetProvisioner {
    private final Databases databases;

    public SqlProvisioner(Databases databases) {
        this.databases = Objects.requireNonNull(databases, "databases");
    }

    public static List<String> statements(String role, String database) {
        String r = Identifiers.quote(role);
        String d = Identifiers.quote(database);
        return List.of("CREATE ROLE " + r + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '<from Secret>'",
                "CREATE DATABASE " + d + " OWNER " + r, "COMMENT ON DATABASE " + d + " IS 'rehome:<plan>'",
                "REVOKE CONNECT ON DATABASE " + d + " FROM PUBLIC", "GRANT CONNECT ON DATABASE " + d + " TO " + r);
    }

    @Override
    public boolean foreignObjectsExist(String role, String database, String marker) {
        return Sql.with(admin(), c -> {
            boolean dbExists = dbExists(c, database);
            boolean ours = dbExists && marker.equals(comment(c, database));
            boolean roleExists = Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?", role) > 0;
            return dbExists && !ours || roleExists && !ours;
        });
    }

    @Override
    public void ensure(String role, Secret password, String database, String marker) {
        Sql.with(admin(), c -> {
            boolean roleExists = Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?", role) > 0;
            String verb = roleExists ? "ALTER" : "CREATE";
            String ddl = Sql.queryRow(c, "SELECT pg_catalog.format('" + verb
                    + " ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', ?::text, ?::text)",
                    role, password.reveal()).get(0);
            Sql.execute(c, ddl);
            if (!dbExists(c, database)) {
                create(c, role, database, marker);
            } else if (!marker.equals(comment(c, database))) {
                throw foreign(database);
            }
            return null;
        });
    }

    @Override
    public void recreate(String role, String database, String marker) {
        Sql.with(admin(), c -> {
            if (dbExists(c, database)) {
                if (!marker.equals(comment(c, database))) {
                    throw foreign(database);
                }
                Sql.execute(c, "DROP DATABASE " + Identifiers.quote(database) + " WITH (FORCE)");
            }
            create(c, role, database, marker);
            return null;
        });
    }

    @Override
    public void drop(String role, String database, String marker) {
        Sql.with(admin(), c -> {
            if (dbExists(c, database)) {
                if (!marker.equals(comment(c, database))) {
                    return null;
                }
                Sql.execute(c, "DROP DATABASE " + Identifiers.quote(database) + " WITH (FORCE)");
            }
            if (Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_roles WHERE rolname = ?", role) > 0) {
                Sql.execute(c, "DROP ROLE " + Identifiers.quote(role));
            }
            return null;
        });
    }

    private void create(Handle c, String role, String database, String marker) {
        String d = Identifiers.quote(database);
        Sql.execute(c, "CREATE DATABASE " + d + " OWNER " + Identifiers.quote(role));
        Sql.execute(c, "COMMENT ON DATABASE " + d + " IS " + Identifiers.literal(marker));
        Sql.execute(c, "REVOKE CONNECT ON DATABASE " + d + " FROM PUBLIC");
        Sql.execute(c, "GRANT CONNECT ON DATABASE " + d + " TO " + Identifiers.quote(role));
    }

    private DatabaseEndpoint admin() {
        return databases.targetAdmin("postgres");
    }

    private static boolean dbExists(Handle c, String database) {
        return Sql.queryLong(c, "SELECT count(*) FROM pg_catalog.pg_database WHERE datname = ?", database) > 0;
    }

    private static String comment(Handle c, String database) {
        List<String> row = Sql.queryRow(c, "SELECT pg_catalog.shobj_description(oid, 'pg_database') "
                + "FROM pg_catalog.pg_database WHERE datname = ?", database);
        return row.isEmpty() ? null : row.get(0);
    }

    private static RefusedException foreign(String database) {
        return new RefusedException("database '" + database + "' exists on the target and was not created by rehome; "
                + "choose another target.database in --config, or remove it yourself if it is unused");
    }
}
