package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.Choices.ReportFormats;
import dev.rehome.cutover.PlanPreview;
import dev.rehome.cutover.cli.PlanPrinter;
import dev.rehome.cutover.report.CutoverReport;
import dev.rehome.cutover.report.JsonRenderer;
import dev.rehome.cutover.report.MarkdownRenderer;
import dev.rehome.cutover.report.RecordJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;

/** Puts a command's result on stdout in the format {@code -o} asks for, and the JSON file {@code --report-json} names. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    /** A cutover report: Markdown for {@code table} and {@code markdown} (its tables read well in a terminal). */
    static void print(CutoverReport report, CommonOptions options, PrintStream out) throws IOException {
        String json = JsonRenderer.render(report, options.engine);
        out.print(ReportFormats.JSON.equals(options.format()) ? json : MarkdownRenderer.render(report));
        if (options.reportFile().isPresent()) {
            Files.writeString(options.reportFile().get(), json);
        }
    }

    static void print(PlanPreview preview, CommonOptions options, PrintStream out) {
        switch (options.format()) {
            case ReportFormats.JSON -> out.print(RecordJson.render(preview));
            case ReportFormats.MARKDOWN -> {
                out.println("```");
                PlanPrinter.print(preview, out);
                out.println("```");
            }
            default -> PlanPrinter.print(preview, out);
        }
    }
}
