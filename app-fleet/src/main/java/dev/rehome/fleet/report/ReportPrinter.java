package dev.rehome.fleet.report;

import dev.rehome.core.OperationFailedException;
import dev.rehome.core.report.MarkdownReport;
import dev.rehome.core.report.RunSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Prints a run's Markdown summary to stdout and, when asked, writes its JSON report to a file. */
public final class ReportPrinter {
    private final PrintStream out;
    private final Optional<Path> jsonFile;
    private final JsonReport json = new JsonReport();

    public ReportPrinter(PrintStream out, Optional<Path> jsonFile) {
        this.out = Objects.requireNonNull(out, "out");
        this.jsonFile = Objects.requireNonNull(jsonFile, "jsonFile");
    }

    public void print(RunSummary run) {
        out.print(MarkdownReport.render(run));
        out.flush();
        if (jsonFile.isPresent()) {
            Path file = jsonFile.get();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, json.render(run) + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OperationFailedException("cannot write the JSON report to " + file + ": "
                        + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
        }
    }
}
