package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.cutover.report.CutoverReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "retire", mixinStandardHelpOptions = true, description = {"Remove the standalone postgres Deployment and Service (or its overlay file"
        + " with --gitops-dir). Refused until the cutover is verified, a backup completed and the cool-off passed.",
        "The PVC is kept unless --delete-volume, which deletes only the PVC proven at preflight, by UID. The "
                + "photo-uploads PVC is never touched."})
final class RetireCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    @Option(names = "--now", description = "Skip the cool-off (not the other conditions).")
    boolean now;

    @Option(names = "--skip-restore-proof", paramLabel = "REASON", description = "Retire although the new home's "
            + "backup was not proven to restore; the reason is recorded in the journal.")
    String skipRestoreProof;

    @Option(names = "--delete-volume", description = "Also delete the database's PVC (its PV is already Retain).")
    boolean deleteVolume;

    private final Cli cli;

    RetireCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Console.requireAnswerable("retire", options);
        try (Session s = cli.sessions().open(options, cli.progress(), now, deleteVolume,
                java.util.Optional.ofNullable(skipRestoreProof))) {
            if (options.dryRun) {
                s.runner().preview().steps().stream().filter(i -> i.id().equals("retire"))
                        .forEach(i -> i.changes().forEach(c -> cli.out().println("- " + c)));
                // Beside the table for a reader; never inside JSON a script parses.
                (ReportFormats.JSON.equals(options.format()) ? cli.err() : cli.out()).println("(dry run: nothing was changed)");
                return 0;
            }
            Console.confirm("retire the standalone database of " + s.config().app().deployment(), options, cli.err());
            CutoverOutcome outcome = s.runner().retire();
            ReportPrinter.print(CutoverReport.of(s.config(), outcome, List.of()), options, cli.out());
            return Outcomes.exitCode(outcome, cli, s);
        }
    }
}
