package dev.rehome.core.report;

import dev.rehome.core.CopyResult;
import dev.rehome.core.Finding;
import dev.rehome.core.SequenceCheck;
import dev.rehome.core.TableCheck;
import dev.rehome.core.TableCopy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link RunSummary} as GitHub-flavoured Markdown: a header table, then tables (source and target rows,
 * match), sequences, findings and notices. Cell text is escaped so a table named {@code a|b} cannot break a row.
 * Stateless and thread-safe.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(RunSummary run) {
        StringBuilder md = new StringBuilder();
        md.append("# rehome ").append(run.command()).append(": ").append(run.result()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        run.facts().forEach((k, v) -> row(md, k, v));
        run.copy().ifPresent(c -> row(md, "copied", c.tables().size() + " tables in " + human(c.duration())));
        row(md, "checks", run.verification().checks().isEmpty() ? "none" : String.join(", ", run.verification().checks()));
        row(md, "duration", human(run.duration()));
        run.error().ifPresent(e -> row(md, "error", e));
        tables(md, run);
        sequences(md, run.verification().sequences());
        findings(md, run.verification().findings());
        bullets(md, "Notices", run.allNotices());
        return md.toString();
    }

    private static void tables(StringBuilder md, RunSummary run) {
        List<TableCheck> checked = run.verification().tables();
        if (!checked.isEmpty()) {
            md.append("\n## Tables\n\n| table | source rows | target rows | match |\n|---|---:|---:|:---:|\n");
            checked.forEach(t -> row(md, t.table(), Long.toString(t.sourceRows()), Long.toString(t.targetRows()),
                    t.match() ? "yes" : "**NO**"));
            return;
        }
        List<TableCopy> copied = run.copy().map(CopyResult::tables).orElse(List.of());
        if (!copied.isEmpty()) {
            md.append("\n## Tables (copied, not verified)\n\n| table | rows |\n|---|---:|\n");
            copied.forEach(t -> row(md, t.table().toString(), t.rows() < 0 ? "?" : Long.toString(t.rows())));
        }
    }

    private static void sequences(StringBuilder md, List<SequenceCheck> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        md.append("\n## Sequences\n\n| sequence | source | target | match |\n|---|---:|---:|:---:|\n");
        sequences.forEach(s -> row(md, s.name(), Long.toString(s.source()), Long.toString(s.target()),
                s.match() ? "yes" : "**NO**"));
    }

    private static void findings(StringBuilder md, List<Finding> findings) {
        bullets(md, "Findings", findings.stream().map(Finding::describe).toList());
    }

    private static void bullets(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("\n## ").append(title).append("\n\n");
        lines.forEach(l -> md.append("- ").append(inline(l)).append('\n'));
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(inline(cell).replace("|", "\\|")).append(" |");
        }
        md.append('\n');
    }

    private static String inline(String text) {
        return text == null ? "" : text.replace("\r", " ").replace("\n", " ");
    }

    /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 05 s}. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d min %02d s", d.toMinutes(), d.toSecondsPart());
    }
}
