package dev.rehome.testkit;

import dev.rehome.core.DatabaseEndpoint;
import dev.rehome.core.Identifiers;
import dev.rehome.core.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One running embedded PostgreSQL server (zonky binaries) on a loopback port. The superuser {@code postgres}
 * logs in without a password; other roles need theirs ({@code scram-sha-256}), so tests can prove password
 * handling. Close it to stop the server and delete its data directory.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "postgres";

    private final int major;
    private final EmbeddedPostgres postgres;
    private final Runnable afterClose;

    PostgresServer(int major, EmbeddedPostgres postgres, Runnable afterClose) {
        this.major = major;
        this.postgres = Objects.requireNonNull(postgres, "postgres");
        this.afterClose = Objects.requireNonNull(afterClose, "afterClose");
    }

    public int major() {
        return major;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return postgres.getPort();
    }

    /** The superuser's endpoint for {@code database}. */
    public DatabaseEndpoint endpoint(String database) {
        return DatabaseEndpoint.of(host(), port(), database, SUPERUSER, Secret.empty());
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/database}, without credentials. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** A superuser connection to {@code database}; the caller closes it. */
    public Connection connect(String database) {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        try {
            return DriverManager.getConnection(jdbcUrl(database), p);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to embedded server on port " + port() + ": " + e.getMessage(), e);
        }
    }

    /** Runs SQL (several statements allowed) as the superuser in {@code database}. */
    public void execute(String database, String sql) {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed in '" + database + "': " + e.getMessage(), e);
        }
    }

    /** Creates {@code database} (locale C, UTF8, from template0). */
    public DatabaseEndpoint createDatabase(String database) {
        execute("postgres", "CREATE DATABASE " + Identifiers.quote(database)
                + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return endpoint(database);
    }

    /** Creates a login role with a password and returns its endpoint for {@code database}. */
    public DatabaseEndpoint createLoginRole(String role, Secret password, String database) {
        try (Connection c = connect("postgres");
             var ps = c.prepareStatement("SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', ?::text, ?::text)")) {
            ps.setString(1, role);
            ps.setString(2, password.reveal());
            try (var rs = ps.executeQuery(); Statement s = c.createStatement()) {
                rs.next();
                s.execute(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create role '" + role + "': " + e.getMessage(), e);
        }
        return DatabaseEndpoint.of(host(), port(), database, role, password);
    }

    /**
     * Restarts the server as a restarted pod does: a fast shutdown, which ends every session (SQLSTATE
     * {@code 57P01}, "terminating connection due to administrator command"), then a start on the same data
     * directory and port. Runs the server's own {@code pg_ctl}, as the server's user (under {@code unshare -U}
     * when the build runs as root, as zonky starts it).
     */
    public void restart() {
        try {
            Path data;
            try (Connection c = connect("postgres"); ResultSet rs = c.createStatement().executeQuery("SHOW data_directory")) {
                rs.next();
                data = Path.of(rs.getString(1));
            }
            long postmaster = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            Path pgCtl = Files.readSymbolicLink(Path.of("/proc", Long.toString(postmaster), "exe")).resolveSibling("pg_ctl");
            List<String> argv = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                argv.addAll(List.of("unshare", "-U"));
            }
            argv.addAll(List.of(pgCtl.toString(), "-D", data.toString(), "-l", data.resolve("restart.log").toString(),
                    "-m", "fast", "-w", "-t", "60", "restart"));
            // the new postmaster inherits pg_ctl's output: discarded, so nothing waits on a pipe it keeps open
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("pg_ctl restart of " + this + " failed; see " + data.resolve("restart.log"));
            }
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot restart " + this + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting " + this, e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            afterClose.run();
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + major + " on " + host() + ":" + port();
    }
}
