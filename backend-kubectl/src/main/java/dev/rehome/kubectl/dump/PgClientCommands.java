package dev.rehome.kubectl.dump;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.spi.CommandSpec;
import dev.rehome.core.tls.TlsOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the argv and environment of libpq client programs (pg_dump, pg_restore, psql) for an endpoint. The
 * connection goes into {@code PG*} environment variables and the password only into the secret {@code PGPASSWORD};
 * argv holds the database name as a quoted conninfo ({@code dbname='...'}), so no name is ever read as a URI or
 * option. Every program runs with {@code --no-password}: a missing password fails at once instead of prompting.
 * Immutable.
 *
 * @param pgDump    the pg_dump program (a name on PATH or a path where the runner runs)
 * @param pgRestore the pg_restore program
 * @param psql      the psql program
 */
public record PgClientCommands(String pgDump, String pgRestore, String psql) {
    /** libpq connection options rehome passes on, mapped to their environment variables. */
    private static final Map<String, String> OPTION_ENV = Map.of(
            "sslmode", "PGSSLMODE",
            "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT",
            "sslkey", "PGSSLKEY",
            "connect_timeout", "PGCONNECT_TIMEOUT",
            "target_session_attrs", "PGTARGETSESSIONATTRS");

    public PgClientCommands {
        Objects.requireNonNull(pgDump, "pgDump");
        Objects.requireNonNull(pgRestore, "pgRestore");
        Objects.requireNonNull(psql, "psql");
    }

    /** The programs as found on the runner's PATH. */
    public static PgClientCommands onPath() {
        return new PgClientCommands("pg_dump", "pg_restore", "psql");
    }

    /**
     * {@code pg_dump -Fc -Z0} of the whole database to stdout. Uncompressed because the archive goes straight into
     * pg_restore: zlib makes pg_dump the bottleneck (about 3x slower on 2 cores, bench/copy-bench.sh).
     */
    public CommandSpec dumpCustomFormat(DatabaseEndpoint source) {
        return spec(source, List.of(pgDump, "--format=custom", "--compress=0", "--no-password"));
    }

    /**
     * {@code pg_dump -Fd -Z0 -j N} into {@code directory} (which must not exist yet): N processes dump tables at
     * once, sharing one snapshot.
     */
    public CommandSpec dumpDirectory(DatabaseEndpoint source, String directory, int jobs) {
        return spec(source, List.of(pgDump, "--format=directory", "--compress=0", "--jobs=" + jobs,
                "--file=" + directory, "--no-password"));
    }

    /** pg_restore of a directory archive with N processes, ownership and privileges left out as for stdin. */
    public CommandSpec restoreDirectory(DatabaseEndpoint target, String directory, int jobs) {
        return spec(target, List.of(pgRestore, "--exit-on-error", "--no-owner", "--no-privileges", "--no-password",
                "--jobs=" + jobs, directory));
    }

    /** The schema as plain SQL without ownership, for reading its privilege entries. */
    public CommandSpec dumpSchemaSql(DatabaseEndpoint source) {
        return spec(source, List.of(pgDump, "--format=plain", "--schema-only", "--no-owner", "--no-password"));
    }

    /**
     * pg_restore of a custom-format archive read from stdin. Ownership and privileges are left out: the engine
     * sets the owner itself and replays only the privileges whose roles exist in the target.
     */
    public CommandSpec restoreFromStdin(DatabaseEndpoint target) {
        return spec(target, List.of(pgRestore, "--exit-on-error", "--no-owner", "--no-privileges", "--no-password"));
    }

    /** psql running the script on stdin in one transaction, stopping at the first error. */
    public CommandSpec psqlScript(DatabaseEndpoint target) {
        return spec(target, List.of(psql, "--no-psqlrc", "--quiet", "--no-password", "-v", "ON_ERROR_STOP=1",
                "--single-transaction", "--file=-"));
    }

    /**
     * psql running one query, unaligned, tuples only: fields separated by U+001F, rows by NUL, so names with
     * newlines or separators cannot split a row.
     */
    public CommandSpec psqlQuery(DatabaseEndpoint endpoint, String sql) {
        return spec(endpoint, List.of(psql, "--no-psqlrc", "--no-password", "-v", "ON_ERROR_STOP=1",
                "--no-align", "--tuples-only", "--record-separator-zero", "--field-separator=\u001f",
                "--command=" + sql));
    }

    private static CommandSpec spec(DatabaseEndpoint endpoint, List<String> programAndFlags) {
        List<String> argv = new ArrayList<>(programAndFlags);
        argv.add("--dbname=" + conninfoDbname(endpoint.database()));
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", endpoint.host());
        env.put("PGPORT", Integer.toString(endpoint.port()));
        env.put("PGUSER", endpoint.user());
        env.put("PGDATABASE", endpoint.database());
        env.put("PGAPPNAME", "rehome");
        env.put("PGCLIENTENCODING", "UTF8");
        env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
        endpoint.options().forEach((key, value) -> {
            String name = OPTION_ENV.get(key);
            if (name != null) {
                env.put(name, value);
            }
        });
        String serverName = endpoint.options().get(TlsOptions.SERVER_NAME);
        if (serverName != null) {
            // libpq connects to hostaddr (the loopback forward) and checks the certificate against host (the
            // Service name), so verify-full works through a port-forward without touching /etc/hosts (S-2).
            env.put("PGHOST", serverName);
            env.put("PGHOSTADDR", endpoint.host());
        }
        CommandSpec spec = new CommandSpec(argv, env, Map.of());
        return endpoint.password().isEmpty() ? spec : spec.withSecretEnv("PGPASSWORD", endpoint.password());
    }

    /** {@code dbname='na\'me'}: a conninfo string naming only the database, quoted as libpq wants. */
    static String conninfoDbname(String database) {
        return "dbname='" + database.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
