package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.core.MigrationListener;
import dev.rehome.cutover.fleet.FleetCutover;
import dev.rehome.cutover.fleet.FleetMove;
import dev.rehome.cutover.fleet.FleetMoves;
import dev.rehome.cutover.fleet.FleetWorld;
import dev.rehome.cutover.fleet.MoveSettings;
import dev.rehome.kubectl.NamespacedName;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import dev.rehome.cutover.report.RecordJson;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rehome-fleet plan NAMESPACE/WORKLOAD --into NAMESPACE/CLUSTER}: see the usage text. */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = BuildVersion.class,
        description = {"Derive the move of one standalone PostgreSQL from the cluster and print it: what was found",
            "(database, role, the app env to re-point, volumes), every step with what it reads and changes, and the",
            "preflight verdicts. Changes nothing."},
        footerHeading = "%nExamples:%n",
        footer = {"  rehome-fleet plan mcd-tracker/postgres --into postgres/pal-e-postgres --sandbox",
            "  rehome-fleet plan pal-e-mail/postgres --into postgres/pal-e-postgres --role palemail"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan would go ahead", "2:usage error", "3:preflight refuses (the reasons are printed)",
            "4:cannot reach the cluster or a server"})
final class PlanMoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAMESPACE/WORKLOAD", converter = MoveOptions.NamespacedNames.class,
            description = "The Deployment or StatefulSet running the standalone PostgreSQL, e.g. mcd-tracker/postgres.")
    NamespacedName workload;

    @Mixin
    MoveOptions options;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = Choices.ReportFormats.class, completionCandidates = Choices.ReportFormats.class,
            description = "table (default), markdown or json")
    String output;

    PlanMoveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        try (FleetWorld world = MoveWorlds.open(options, context)) {
            return print(world, options, context, workload, output);
        }
    }

    /** Derives and prints one plan; 0 when nothing blocks it, 3 when preflight refuses. */
    static int print(FleetWorld world, MoveOptions options, CliContext context, NamespacedName workload,
                     String format) {
        FleetMoves moves = new FleetMoves(world, options.fleetOptions(), settings(options, 1), c -> MigrationListener.NONE,
                context.clock(), UnaryOperator.identity());
        FleetCutover cutover = moves.derive(workload, options.into);
        FleetMove move = moves.move(cutover);
        var preview = move.preview();
        switch (format) {
            case "json" -> context.out().print(RecordJson.render(preview));
            case "markdown" -> {
                context.out().println("```");
                MovePlanPrinter.print(cutover, preview, context.out());
                context.out().println("```");
            }
            default -> MovePlanPrinter.print(cutover, preview, context.out());
        }
        return preview.preflight().refusals().isEmpty() ? 0 : 3;
    }

    static MoveSettings settings(MoveOptions o, int parallel) {
        return new MoveSettings(o.engine(parallel), java.util.Optional.ofNullable(o.gitopsDir), o.allowArgoPatch,
                System.getProperty("user.name", "rehome") + "@rehome-fleet", false, false);
    }
}
