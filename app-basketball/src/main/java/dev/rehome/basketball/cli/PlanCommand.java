package dev.rehome.basketball.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "Print every step, what it reads and changes (resources, SQL, files), what it "
        + "will not touch, and the preflight verdicts. Changes nothing.")
final class PlanCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    private final Cli cli;

    PlanCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
            ReportPrinter.print(s.runner().preview(), options, cli.out());
        }
        return 0;
    }
}
