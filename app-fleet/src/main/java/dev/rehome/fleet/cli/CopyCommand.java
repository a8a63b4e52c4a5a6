package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.cutover.LocalEngines;
import dev.rehome.cutover.cli.CopyProgressPrinter;
import dev.rehome.fleet.report.ReportPrinter;
import dev.rehome.jdbc.PgConnector;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rehome-fleet copy}: see the usage text. */
@Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BuildVersion.class,
        description = {
            "Copy one PostgreSQL database into another and verify the copy.",
            "The target database is created when missing (UTF8, locale C) and refused",
            "when it already holds tables (exit 3), unless --clean. Exit 0 only when",
            "the copy finished and the verification passed."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  rehome-fleet copy --sandbox",
            "      two throw-away local servers (PostgreSQL 15 -> 17), a sample",
            "      database full of traps, a real copy and a full verification",
            "  PGPASSWORD=... rehome-fleet copy \\",
            "      --source postgresql://app@old-db:5432/shop \\",
            "      --target postgresql://app@new-db:5432/shop",
            "  rehome-fleet copy --source postgresql://app@old-db/shop \\",
            "      --target postgresql://app@new-db/shop \\",
            "      --target-password-file /run/secrets/new-db \\",
            "      --engine jdbc-direct --jobs 8 --owner shop_owner --report-json copy.json",
            "  rehome-fleet copy --source ... --target ... --dry-run",
            "      say what would happen (create, refuse or clean the target); change nothing",
            "",
            "Engines: dump-restore (the default) streams pg_dump -Fc into pg_restore, the",
            "most proven path; it needs pg_dump of at least the source's major version on",
            "this machine. jdbc-direct copies --jobs tables at once over JDBC from one",
            "snapshot. Privileges naming roles the target lacks are skipped and listed",
            "under Notices. Passwords: --*-password-file, PGPASSWORD or ~/.pgpass."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:copied and verified", "1:verification found a difference", "2:usage error",
            "3:refused: the target is not empty", "4:cannot reach a server or the login was refused",
            "5:the copy failed (see the message and the log file)"})
final class CopyCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private EndpointOptions endpoints;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = LocalEngines.DEFAULT,
            converter = Choices.Engines.class, completionCandidates = Choices.Engines.class,
            description = "dump-restore or jdbc-direct (default: ${DEFAULT-VALUE}).")
    private String engine;

    @Option(names = "--jobs", paramLabel = "N", defaultValue = "4",
            description = "Tables copied at once by jdbc-direct; with dump-restore, pg_dump and pg_restore"
                    + " processes through a spool directory when above 1 (default: ${DEFAULT-VALUE}).")
    private int jobs;

    @Option(names = "--verify", paramLabel = "LEVEL", defaultValue = "full", converter = Choices.CopyLevels.class,
            completionCandidates = Choices.CopyLevels.class,
            description = "none, counts (rows, sequences) or full (also content checksums, schema, large objects)"
                    + " (default: ${DEFAULT-VALUE}).")
    private String verify;

    @Option(names = "--clean", description = "Drop and recreate a target database that is not empty.")
    private boolean clean;

    @Option(names = "--owner", paramLabel = "ROLE",
            description = "Role that will own every object in the target (must exist there).")
    private String owner;

    @Mixin
    private ReportOptions report;

    @Option(names = "--dry-run", description = "Check both servers and say what would happen; change nothing.")
    private boolean dryRun;

    @Option(names = "--sandbox", description = "Ignore --source/--target: copy a sample database between two"
            + " embedded servers started for this run.")
    private boolean sandbox;

    @Option(names = "--no-progress", description = "Do not show progress on stderr.")
    private boolean noProgress;

    CopyCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 64) {
            throw new ParameterException(spec.commandLine(), "--jobs must be between 1 and 64, was " + jobs);
        }
        CopySettings settings = new CopySettings(engine, jobs, Optional.ofNullable(owner), verify, clean);
        ReportPrinter reports = report.printer(context.out());
        CopyProgressPrinter progress = new CopyProgressPrinter(context.err(), context.clock(), context.terminal(), !noProgress);
        PgConnector connector = new PgConnector("rehome-fleet");
        if (sandbox) {
            return new Sandbox(context, connector, reports, progress).run(settings);
        }
        if (!endpoints.complete()) {
            throw new ParameterException(spec.commandLine(), "copy needs --source and --target (or --sandbox)");
        }
        EndpointOptions.Endpoints resolved = endpoints.resolve(context);
        if (dryRun) {
            return new DryRun(context, connector).run(resolved, settings);
        }
        try {
            return new CopyRun(context, connector, reports, progress).run(resolved, settings).passed() ? 0 : 1;
        } finally {
            progress.finish();
        }
    }
}
