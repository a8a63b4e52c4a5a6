package dev.rehome.fleet.cli;

import dev.rehome.cutover.cli.Choices;
import dev.rehome.fleet.report.ReportPrinter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code -o} and {@code --report-json} of the commands that print a run report: copy and verify. */
final class ReportOptions {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            converter = Choices.ReportFormats.class, completionCandidates = Choices.ReportFormats.class,
            description = "table (default), markdown or json on stdout; progress goes to stderr")
    private String output;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Also write the report as JSON to FILE;"
            + " '-' means standard output (instead of the table).")
    private Path reportJson;

    ReportPrinter printer(PrintStream out) {
        return new ReportPrinter(out, Optional.ofNullable(reportJson), output);
    }
}
