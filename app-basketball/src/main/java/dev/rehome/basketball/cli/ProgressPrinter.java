package dev.rehome.basketball.cli;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Step;
import dev.rehome.core.StepResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/** Prints one line per step start and end (tick, cross or arrow, with its duration) and the notices. Thread-safe. */
final class ProgressPrinter implements MigrationListener {
    private final PrintStream out;

    ProgressPrinter(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public synchronized void onStepStarted(Step step) {
        out.println("… " + step.id() + ": " + step.title());
    }

    @Override
    public synchronized void onStepFinished(Step step, StepResult result) {
        String took = String.format(Locale.ROOT, "%.1fs", result.duration().toMillis() / 1000.0);
        if (result instanceof StepResult.Succeeded) {
            out.println("✔ " + step.id() + " (" + took + ")");
        } else if (result instanceof StepResult.Skipped s) {
            out.println("↷ " + step.id() + " skipped: " + s.reason());
        } else if (result instanceof StepResult.RolledBack) {
            out.println("↺ " + step.id() + " undone (" + took + ")");
        } else if (result instanceof StepResult.Failed f) {
            out.println("✘ " + step.id() + " failed after " + took + ": " + firstLine(f.cause().getMessage()));
        }
    }

    @Override
    public void onCopyProgress(CopyProgress progress) {
        if (progress.tablesTotal() < 0) {
            return;
        }
        out.println(String.format(Locale.ROOT, "  copy: tables %d/%d, %d rows, %.1f MiB, %.1f MiB/s, %.0fs elapsed",
                progress.tablesDone(), progress.tablesTotal(), progress.rows(), progress.bytes() / 1048576.0,
                progress.bytesPerSecond() / 1048576.0, progress.elapsed().toMillis() / 1000.0));
    }

    @Override
    public synchronized void onNotice(String message) {
        out.println("  · " + message.replace("\n", "\n    "));
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "(no message)";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
