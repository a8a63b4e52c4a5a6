package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.core.VerificationReport;
import dev.rehome.cutover.report.RecordJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "verify", mixinStandardHelpOptions = true, description = "Compare the source and the target now (checksums, sequences, schema, "
        + "ownership) and print what differs. Read-only. Exit 1 when they differ.")
final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions options;

    private final Cli cli;

    VerifyCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        try (Session s = cli.sessions().open(options, cli.progress(), false, false)) {
            VerificationReport report = s.runner().verify();
            if (ReportFormats.JSON.equals(options.format())) {
                cli.out().print(RecordJson.render(java.util.Map.of("passed", report.passed(), "report", report)));
                return report.passed() ? 0 : 1;
            }
            cli.out().println("checks: " + String.join(", ", report.checks()));
            report.tables().forEach(t -> cli.out().println("- " + t.table() + ": " + t.sourceRows() + " / " + t.targetRows()
                    + (t.match() ? " ok" : " DIFFERS")));
            report.findings().forEach(f -> cli.out().println("! " + f.describe()));
            cli.out().println(report.passed() ? "verification passed" : "verification FAILED");
            return report.passed() ? 0 : 1;
        }
    }
}
