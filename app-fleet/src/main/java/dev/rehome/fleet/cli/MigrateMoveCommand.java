package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.cutover.cli.StepProgressPrinter;
import dev.rehome.core.MigrationException;
import dev.rehome.core.RefusedException;
import dev.rehome.cutover.fleet.FleetMoves;
import dev.rehome.cutover.fleet.FleetReport;
import dev.rehome.cutover.fleet.FleetReportJson;
import dev.rehome.cutover.fleet.FleetReportMarkdown;
import dev.rehome.cutover.fleet.FleetRun;
import dev.rehome.cutover.fleet.FleetWorld;
import dev.rehome.kubectl.NamespacedName;
import java.io.IOException;
import dev.rehome.fleet.report.ReportPrinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rehome-fleet migrate NAMESPACE/WORKLOAD|--all-uncovered --into NAMESPACE/CLUSTER}: see the usage text. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = BuildVersion.class,
        description = {"Move standalone PostgreSQL databases into a CloudNativePG cluster with the same plan as",
            "rehome-basketball: preflight, lock, provision, fingerprint, quiesce and fence, copy, verify, re-point",
            "(point of no return), scale up + health, prove a backup. --all-uncovered moves every standalone",
            "PostgreSQL the audit finds with coverage 'none', one after another (or --parallel N at a time); a",
            "refused or cleanly rolled-back database is reported and the run goes on, a failure that did not roll",
            "back stops it. The report (Markdown on stdout, --report-json) lists per database: moved and verified /",
            "rolled back / refused / failed, and why."},
        footerHeading = "%nExamples:%n",
        footer = {"  rehome-fleet migrate --all-uncovered --into postgres/pal-e-postgres --sandbox",
            "  rehome-fleet migrate mcd-tracker/postgres --into postgres/pal-e-postgres --yes",
            "  rehome-fleet migrate --all-uncovered --into postgres/pal-e-postgres --parallel 2 --report-json fleet.json"},
        exitCodeListHeading = "%nExit codes (the worst database decides):%n",
        exitCodeList = {"0:every database moved and verified (or none was uncovered)",
            "1:a verification failed and that database was rolled back",
            "2:usage error",
            "3:refused: a database was refused (preflight, a name taken, nothing to re-point), or no --yes without a terminal",
            "4:cannot reach the cluster or a server",
            "5:a move failed: rolled back (the app is on its old database) or, when the run stopped, NOT rolled back"})
final class MigrateMoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAMESPACE/WORKLOAD", converter = MoveOptions.NamespacedNames.class,
            description = "The Deployment or StatefulSet running the standalone PostgreSQL.")
    NamespacedName workload;

    @Option(names = "--all-uncovered", description = "Every standalone PostgreSQL with no backup coverage (the audit's 'none').")
    boolean allUncovered;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "Moves at a time (default 1).")
    int parallel;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = Choices.ReportFormats.class, completionCandidates = Choices.ReportFormats.class,
            description = "table (default), markdown or json on stdout; progress goes to stderr")
    String output;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the fleet report as JSON; '-'"
            + " means standard output (instead of the table).")
    Path reportJson;

    @Mixin
    MoveOptions options;

    MigrateMoveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() throws IOException {
        if ((workload == null) == !allUncovered) {
            throw new ParameterException(spec.commandLine(), "give either NAMESPACE/WORKLOAD or --all-uncovered");
        }
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
        }
        if (!options.dryRun && !options.yes && !options.sandbox && !context.terminal()) {
            throw new RefusedException("migrate changes a live system and there is no terminal to ask; pass --yes to "
                    + "confirm from a script");
        }
        try (FleetWorld world = MoveWorlds.open(options, context)) {
            FleetMoves moves = new FleetMoves(world, options.fleetOptions(), PlanMoveCommand.settings(options, parallel),
                    c -> StepProgressPrinter.forDatabase(context.err(), c.name()), context.clock(), UnaryOperator.identity(), context.stop());
            List<NamespacedName> targets = allUncovered ? moves.uncovered(options.into) : List.of(workload);
            context.err().println("rehome-fleet migrate: " + targets.size() + " database(s) to move into "
                    + options.into + (targets.isEmpty() ? "" : ": " + targets));
            if (options.dryRun) {
                return dryRun(world, targets);
            }
            if (!options.yes && !options.sandbox) {
                dryRun(world, targets);
            }
            Confirmation.confirm("migrate " + targets + " into " + options.into, options, context);
            FleetReport report = new FleetRun(context.clock()).run(moves.tasks(targets, options.into), parallel);
            boolean jsonOut = "json".equals(output) || (reportJson != null && ReportPrinter.isStdout(reportJson));
            context.out().print(jsonOut ? FleetReportJson.render(report) : FleetReportMarkdown.render(report));
            context.out().flush();
            if (reportJson != null && !ReportPrinter.isStdout(reportJson)) {
                Files.writeString(reportJson, FleetReportJson.render(report));
            }
            if (report.exitCode() != 0) {
                context.err().println("rehome-fleet migrate: not every database moved (exit " + report.exitCode()
                        + "); retry with: " + world.retryHint() + ". Log: " + context.logFile());
            }
            return report.exitCode();
        }
    }

    /** Prints every plan with its preflight verdicts; the worst exit code a run would start with. */
    private int dryRun(FleetWorld world, List<NamespacedName> targets) {
        int worst = 0;
        for (NamespacedName w : targets) {
            try {
                worst = Math.max(worst, PlanMoveCommand.print(world, options, context, w, output));
            } catch (MigrationException e) {
                context.out().println("# " + w + ": would be refused: " + e.getMessage());
                worst = Math.max(worst, e.errorCode().exitCode());
            }
            context.out().println();
        }
        if (options.dryRun) {
            context.out().println("(dry run: nothing was changed)");
        }
        context.out().flush();
        return worst;
    }
}
