package dev.rehome.cutover.cli;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import dev.rehome.core.Step;
import dev.rehome.core.StepResult;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * A cutover's progress, a line per step start and end (tick, cross or arrow, with its duration), copy progress and
 * notices. Each line may carry a prefix (the database) so that parallel fleet moves stay readable. Thread-safe:
 * lines from parallel moves never interleave.
 */
public final class StepProgressPrinter implements MigrationListener {
    private final PrintStream out;
    private final String prefix;

    /** Lines without a prefix: one cutover. */
    public StepProgressPrinter(PrintStream out) {
        this(out, "");
    }

    /** Lines prefixed with {@code [database]}: one of several moves. */
    public static StepProgressPrinter forDatabase(PrintStream out, String database) {
        return new StepProgressPrinter(out, "[" + database + "] ");
    }

    private StepProgressPrinter(PrintStream out, String prefix) {
        this.out = Objects.requireNonNull(out, "out");
        this.prefix = prefix;
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
            line("✘ " + step.id() + " failed after " + took + ": " + firstLine(f.cause().getMessage()));
        }
    }

    @Override
    public void onCopyProgress(CopyProgress progress) {
        if (progress.tablesTotal() >= 0) {
            line("  " + CopyProgressPrinter.describe(progress));
        }
    }

    @Override
    public void onNotice(String message) {
        line("  · " + message.replace("\n", "\n    "));
    }

    private void line(String text) {
        synchronized (out) {
            out.println(prefix + text);
        }
    }

    private static String firstLine(String m) {
        if (m == null) {
            return "(no message)";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
