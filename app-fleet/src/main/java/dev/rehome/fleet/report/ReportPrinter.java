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

/**
 * Prints a run's summary to stdout (Markdown, or JSON for {@code -o json} and {@code --report-json -}) and, when
 * asked, writes its JSON report to a file.
 */
public final class ReportPrinter {
    private final PrintStream out;
    private final Optional<Path> jsonFile;
    private final boolean jsonOnStdout;
    private final JsonReport json = new JsonReport();

    public ReportPrinter(PrintStream out, Optional<Path> jsonFile) {
        this(out, jsonFile, "table");
    }

    /** {@code format}: {@code table}, {@code markdown} or {@code json}; a {@code jsonFile} of "-" means stdout. */
    public ReportPrinter(PrintStream out, Optional<Path> jsonFile, String format) {
        this.out = Objects.requireNonNull(out, "out");
        Objects.requireNonNull(jsonFile, "jsonFile");
        this.jsonOnStdout = "json".equals(format) || jsonFile.filter(ReportPrinter::isStdout).isPresent();
        this.jsonFile = jsonFile.filter(p -> !isStdout(p));
    }

    /** {@code --report-json -}: the JSON goes to standard output. */
    public static boolean isStdout(Path file) {
        return file.toString().equals("-");
    }

    public void print(RunSummary run) {
        out.print(jsonOnStdout ? json.render(run) : MarkdownReport.render(run));
        out.flush();
        if (jsonFile.isPresent()) {
            Path file = jsonFile.get();
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, json.render(run), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new OperationFailedException("cannot write the JSON report to " + file + ": "
                        + e.getClass().getSimpleName() + " " + e.getMessage(), e);
            }
        }
    }
}
