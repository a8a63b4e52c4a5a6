package dev.rehome.cutover;

import dev.rehome.core.cutover.Databases;
import dev.rehome.core.cutover.EngineCatalog;
import dev.rehome.core.cutover.RunOptions;
import dev.rehome.core.cutover.WorkloadRef;

import dev.rehome.sandbox.InMemoryCluster;
import dev.rehome.sandbox.Sandbox;
import dev.rehome.core.CopyEngine;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Step;
import dev.rehome.core.Verifier;
import dev.rehome.jdbc.JdbcDirectEngine;
import dev.rehome.jdbc.verify.Verifiers;
import dev.rehome.kubectl.dump.DumpRestoreEngine;
import dev.rehome.core.spi.LocalCommandRunner;
import dev.rehome.testkit.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** A sandbox plus the helpers the cutover tests share: runners with hooks, and SQL probes of both servers. */
final class SandboxWorld implements AutoCloseable {
    static final WorkloadRef APP = new WorkloadRef("basketball-api", "basketball-api");
    final Sandbox sandbox;
    final Path repo;
    private final Clock clock;

    SandboxWorld(PostgresServer source, PostgresServer target, Path dir, Clock clock) {
        this.sandbox = Sandbox.prepare(source, target, dir, clock);
        this.repo = sandbox.deploymentsRepo();
        this.clock = clock;
    }

    InMemoryCluster cluster() {
        return sandbox.cluster();
    }

    CutoverRunner runner(UnaryOperator<Step> decorate, Supplier<CopyEngine> engine, RunOptions options) {
        EngineCatalog engines = new EngineCatalog(Map.of("dump-restore", engine, "jdbc-direct", () -> new JdbcDirectEngine(clock)));
        Verifier verifier = Verifier.allOf(Verifiers.forLevel(Verifiers.FULL), Verifiers.ownership("basketball"));
        return new CutoverRunner(sandbox.config(), sandbox.ports(engines, verifier), options, MigrationListener.NONE,
                clock, decorate);
    }

    CutoverRunner runner(UnaryOperator<Step> decorate) {
        return runner(decorate, this::dumpRestore, gitopsOptions());
    }

    CutoverRunner runner() {
        return runner(UnaryOperator.identity());
    }

    RunOptions gitopsOptions() {
        return RunOptions.defaults("test").withGitopsDir(repo);
    }

    /** dump-restore with local pg tools, timed by the world's clock. */
    CopyEngine dumpRestore() {
        return new DumpRestoreEngine(new LocalCommandRunner(), new LocalCommandRunner(), clock);
    }

    long sourceLong(String sql) {
        return queryLong(sandbox.source().connect("basketball"), sql);
    }

    long targetLong(String database, String sql) {
        return queryLong(sandbox.target().connect(database), sql);
    }

    List<String> targetColumn(String database, String sql) {
        return column(sandbox.target().connect(database), sql);
    }

    List<String> sourceColumn(String sql) {
        return column(sandbox.source().connect("basketball"), sql);
    }

    /** Databases, roles, ACLs and the content of both servers, as text to compare before and after. */
    String databasesSnapshot() {
        List<String> out = new ArrayList<>();
        out.addAll(sourceColumn("SELECT datname || ' ' || coalesce(datacl::text, '') FROM pg_database ORDER BY 1"));
        out.addAll(sourceColumn("SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) FROM public.players p"));
        out.addAll(sourceColumn("SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM public.orders o"));
        out.addAll(targetColumn("postgres", "SELECT datname || ' ' || coalesce(datacl::text, '') FROM pg_database ORDER BY 1"));
        out.addAll(targetColumn("postgres", "SELECT rolname FROM pg_roles ORDER BY 1"));
        return String.join("\n", out);
    }

    private static long queryLong(Connection c, String sql) {
        return Long.parseLong(column(c, sql).get(0));
    }

    private static List<String> column(Connection c, String sql) {
        try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
