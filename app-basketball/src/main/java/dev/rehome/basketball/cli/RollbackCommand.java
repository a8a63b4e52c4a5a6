package dev.rehome.basketball.cli;

import dev.rehome.core.cutover.CutoverOutcome;
import dev.rehome.cutover.report.CutoverReport;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "rollback", mixinStandardHelpOptions = true, description = {"Put the app back on the old database: undo every step that ran, newest first.",
        "After the re-point this is allowed only while the target shows no writes since the cutover; otherwise it "
                + "refuses and says why."})
final class RollbackCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    private final Cli cli;

    RollbackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        Console.requireAnswerable("rollback", options);
        try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
            Console.confirm("roll " + s.config().app().deployment() + " back to its old database", options, cli.err());
            CutoverOutcome outcome = s.runner().rollback();
            ReportPrinter.print(CutoverReport.of(s.config(), outcome, List.of()), options, cli.out());
            return Outcomes.exitCode(outcome, cli, s);
        }
    }
}
