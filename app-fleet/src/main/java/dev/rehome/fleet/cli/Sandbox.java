package dev.rehome.fleet.cli;

import dev.rehome.core.OperationFailedException;
import dev.rehome.fleet.report.ReportPrinter;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * {@code copy --sandbox}: starts an embedded PostgreSQL 15 source (the major the local pg_dump reads) and a 17
 * target, loads a sample database full of the usual traps, copies it with the chosen engine and verifies it, so a
 * fresh machine shows a real copy. Both servers and their data are gone when it returns.
 */
final class Sandbox {
    static final String DATABASE = "sandbox_shop";
    private static final int TARGET_MAJOR = 17;

    private final CliContext context;
    private final PgConnector connector;
    private final ReportPrinter reports;
    private final ProgressPrinter progress;

    Sandbox(CliContext context, PgConnector connector, ReportPrinter reports, ProgressPrinter progress) {
        this.context = Objects.requireNonNull(context, "context");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    int run(CopySettings settings) {
        context.err().println("sandbox: starting PostgreSQL " + PostgresServers.LOCAL_TOOLS_MAJOR + " (source) and "
                + TARGET_MAJOR + " (target) on loopback ports...");
        try (PostgresServer source = PostgresServers.start(PostgresServers.LOCAL_TOOLS_MAJOR);
             PostgresServer target = PostgresServers.start(TARGET_MAJOR)) {
            source.createDatabase(DATABASE);
            source.execute(DATABASE, sampleSql());
            context.err().println("sandbox: source " + source + ", target " + target + "; copying " + DATABASE);
            var endpoints = new EndpointOptions.Endpoints(source.endpoint(DATABASE), target.endpoint(DATABASE));
            try {
                return new CopyRun(context, connector, reports, progress).run(endpoints, settings).passed() ? 0 : 1;
            } finally {
                progress.finish();
            }
        }
    }

    private static String sampleSql() {
        try (InputStream in = Sandbox.class.getResourceAsStream("sandbox-sample.sql")) {
            if (in == null) {
                throw new OperationFailedException("the sandbox sample database is missing from this jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new OperationFailedException("cannot read the sandbox sample database: " + e.getMessage(), e);
        }
    }
}
