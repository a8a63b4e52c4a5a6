package dev.rehome.basketball.cli;

import dev.rehome.cutover.cli.StepProgressPrinter;
import dev.rehome.core.MigrationListener;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/** What the commands share: where to print, how to open a session, and where the log file is. */
record Cli(PrintStream out, PrintStream err, SessionFactory sessions, Path logFile) {
    Cli {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(logFile, "logFile");
    }

    MigrationListener progress() {
        return new StepProgressPrinter(err);
    }
}
