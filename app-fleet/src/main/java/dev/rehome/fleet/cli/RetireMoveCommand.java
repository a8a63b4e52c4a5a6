package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.BuildVersion;
import dev.rehome.cutover.cli.StepProgressPrinter;
import dev.rehome.cutover.report.MarkdownRenderer;
import dev.rehome.core.MigrationListener;
import dev.rehome.cutover.fleet.FleetCutover;
import dev.rehome.cutover.fleet.FleetMove;
import dev.rehome.cutover.fleet.FleetMoves;
import dev.rehome.cutover.fleet.FleetWorld;
import dev.rehome.cutover.fleet.MoveOutcome;
import dev.rehome.cutover.fleet.MoveSettings;
import dev.rehome.kubectl.NamespacedName;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rehome-fleet retire NAMESPACE/WORKLOAD --into NAMESPACE/CLUSTER}: see the usage text. */
@Command(name = "retire", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = BuildVersion.class,
        description = {"Remove a moved standalone PostgreSQL's Deployment and Service (or its overlay file with",
            "--gitops-dir), as rehome-basketball retire does: refused until its move was verified and a backup",
            "completed, and for a cool-off of 7 days unless --now. The PVC is kept unless --delete-volume, which",
            "deletes only the PVC proven at preflight, by UID; every other PVC of the namespace is never touched."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:retired", "2:usage error", "3:refused (not verified, no backup, cool-off, no --yes)",
            "4:cannot reach the cluster", "5:failed"})
final class RetireMoveCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(index = "0", paramLabel = "NAMESPACE/WORKLOAD", converter = MoveOptions.NamespacedNames.class,
            description = "The standalone PostgreSQL workload that was moved.")
    NamespacedName workload;

    @Option(names = "--now", description = "Skip the cool-off (not the other conditions).")
    boolean now;

    @Option(names = "--skip-restore-proof", paramLabel = "REASON", description = "Retire although the new home's "
            + "backup was not proven to restore; the reason is recorded in the journal.")
    String skipRestoreProof;

    @Option(names = "--delete-volume", description = "Also delete the database's PVC (its PV is already Retain).")
    boolean deleteVolume;

    @Mixin
    MoveOptions options;

    RetireMoveCommand(CliContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public Integer call() {
        if (!options.dryRun && !options.yes && !options.sandbox && !context.terminal()) {
            throw new dev.rehome.core.RefusedException("retire changes a live system and there is no terminal to ask; "
                    + "pass --yes to confirm from a script");
        }
        try (FleetWorld world = MoveWorlds.open(options, context)) {
            MoveSettings base = PlanMoveCommand.settings(options, 1);
            MoveSettings settings = new MoveSettings(base.engine(), base.gitopsDir(), base.allowArgoPatch(),
                    base.holder(), now, deleteVolume, java.util.Optional.ofNullable(skipRestoreProof));
            FleetMoves moves = new FleetMoves(world, options.fleetOptions(), settings,
                    c -> StepProgressPrinter.forDatabase(context.err(), c.name()), context.clock(), UnaryOperator.identity(), context.stop());
            FleetCutover cutover = moves.derive(workload, options.into);
            FleetMove move = moves.move(cutover);
            if (options.dryRun) {
                move.preview().steps().stream().filter(i -> i.id().equals("retire"))
                        .forEach(i -> i.changes().forEach(c -> context.out().println("- " + c)));
                context.out().println("(dry run: nothing was changed)");
                return 0;
            }
            Confirmation.confirm("retire the standalone database " + workload, options, context);
            MoveOutcome outcome = move.retire();
            outcome.report().ifPresent(r -> context.out().print(MarkdownRenderer.render(r)));
            context.out().flush();
            if (outcome.exitCode() != 0) {
                context.err().println("rehome-fleet retire: " + outcome.status().label() + ": " + outcome.reason());
            }
            return outcome.exitCode();
        }
    }
}
