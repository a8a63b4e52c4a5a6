package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.CopyProgressPrinter;
import dev.rehome.fleet.report.ReportPrinter;
import dev.rehome.jdbc.PgConnector;
import dev.rehome.testkit.PostgresServer;
import dev.rehome.testkit.PostgresServers;
import dev.rehome.testkit.fixtures.TrapFixture;
import java.util.Objects;

/**
 * {@code copy --sandbox}: starts an embedded PostgreSQL 15 source (the major the local pg_dump reads) and a 17
 * target, loads the TRAP fixture database (every case a copy tends to get wrong), copies it with the chosen engine and verifies it, so a
 * fresh machine shows a real copy. Both servers and their data are gone when it returns.
 */
final class Sandbox {
    static final String DATABASE = "sandbox_traps";
    private static final int TARGET_MAJOR = 17;

    private final CliContext context;
    private final PgConnector connector;
    private final ReportPrinter reports;
    private final CopyProgressPrinter progress;

    Sandbox(CliContext context, PgConnector connector, ReportPrinter reports, CopyProgressPrinter progress) {
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
            TrapFixture.create(source, DATABASE);
            context.err().println("sandbox: source " + source + ", target " + target + "; copying " + DATABASE);
            var endpoints = new EndpointOptions.Endpoints(source.endpoint(DATABASE), target.endpoint(DATABASE));
            try {
                return new CopyRun(context, connector, reports, progress).run(endpoints, settings).passed() ? 0 : 1;
            } finally {
                progress.finish();
            }
        }
    }
}
