package dev.rehome.fleet.cli;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Step;
import dev.rehome.core.StepResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Progress of one move on stderr, each line prefixed with the database so that parallel moves stay readable:
 * a line per step start and end (tick, cross, arrow, with its duration), copy progress and notices. Thread-safe.
 */
final class MoveProgress implements MigrationListener {
    private final PrintStream err;
    private final String prefix;

    MoveProgress(PrintStream err, String database) {
        this.err = Objects.requireNonNull(err, "err");
        this.prefix = "[" + database + "] ";
    }

    @Override
    public void onStepStarted(Step step) {
        line("… " + step.id() + ": " + step.title());
    }

    @Override
    public void onStepFinished(Step step, StepResult result) {
        String took = String.format(Locale.ROOT, "%.1fs", result.duration().toMillis() / 1000.0);
        if (result instanceof StepResult.Succeeded) {
            line("✔ " + step.id() + " (" + took + ")");
        } else if (result instanceof StepResult.Skipped s) {
            line("↷ " + step.id() + " skipped: " + s.reason());
        } else if (result instanceof StepResult.RolledBack) {
            line("↺ " + step.id() + " undone (" + took + ")");
        } else if (result instanceof StepResult.Failed f) {
            String m = String.valueOf(f.cause().getMessage());
            line("✘ " + step.id() + " failed after " + took + ": " + (m.contains("\n") ? m.substring(0, m.indexOf('\n')) : m));
        }
    }

    @Override
    public void onCopyProgress(CopyProgress p) {
        if (p.tablesTotal() >= 0) {
            line(String.format(Locale.ROOT, "  copy: tables %d/%d, %d rows, %.1f MiB", p.tablesDone(), p.tablesTotal(),
                    p.rows(), p.bytes() / 1048576.0));
        }
    }

    @Override
    public void onNotice(String message) {
        line("  · " + message.replace("\n", "\n    "));
    }

    private void line(String text) {
        synchronized (err) {
            err.println(prefix + text);
        }
    }
}
