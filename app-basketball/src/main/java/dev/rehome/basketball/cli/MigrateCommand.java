package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.cutover.cli.PlanPrinter;
import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.cutover.PlanPreview;
import dev.rehome.cutover.report.CutoverReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "migrate", mixinStandardHelpOptions = true, description = {"Run the cutover: preflight, lock, provision, fingerprint, quiesce and fence,"
        + " copy, verify, re-point (point of no return), scale up + health, prove a backup.",
        "A killed run continues where it stopped when started again. Any failure before the re-point puts the app "
                + "back on the old database automatically."})
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    private final Cli cli;

    MigrateCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Console.requireAnswerable("migrate", options);
        try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
            if (options.dryRun) {
                PlanPreview preview = s.runner().preview();
                ReportPrinter.print(preview, options, cli.out());
                // Beside the table for a reader; never inside JSON a script parses.
                (ReportFormats.JSON.equals(options.format()) ? cli.err() : cli.out()).println("(dry run: nothing was changed)");
                return preview.preflight().refusals().isEmpty() ? 0 : 3;
            }
            if (!options.yes && !options.sandbox) {
                PlanPrinter.print(s.runner().preview(), cli.err());
            }
            Console.confirm("migrate " + s.config().app().deployment() + " into " + s.config().target().cluster(),
                    options, cli.err());
            CutoverOutcome outcome = s.runner().migrate();
            List<String> retire = s.runner().preview().steps().stream().filter(i -> i.id().equals("retire"))
                    .findFirst().map(PlanPreview.Item::changes).orElse(List.of());
            ReportPrinter.print(CutoverReport.of(s.config(), outcome, retire), options, cli.out());
            return Outcomes.exitCode(outcome, cli, s);
        }
    }
}
