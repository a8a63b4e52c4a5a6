package dev.rehome.cutover.cli;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Copy progress on stderr, only for copies that take a while: on a terminal one line rewritten in place, otherwise
 * (CI logs, Jobs) a plain line every few seconds. Thread-safe: engines report from worker threads.
 */
public final class CopyProgressPrinter implements MigrationListener {
    public static final Duration QUIET_START = Duration.ofSeconds(2);
    public static final Duration TERMINAL_EVERY = Duration.ofMillis(250);
    public static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final PrintStream err;
    private final Clock clock;
    private final boolean terminal;
    private final boolean enabled;
    private Instant lastPrinted = Instant.MIN;
    private boolean lineOpen;

    public CopyProgressPrinter(PrintStream err, Clock clock, boolean terminal, boolean enabled) {
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.terminal = terminal;
        this.enabled = enabled;
    }

    @Override
    public synchronized void onCopyProgress(CopyProgress progress) {
        if (!enabled || progress.elapsed().compareTo(QUIET_START) < 0) {
            return;
        }
        Instant now = clock.instant();
        Duration every = terminal ? TERMINAL_EVERY : LOG_EVERY;
        if (!lastPrinted.equals(Instant.MIN) && Duration.between(lastPrinted, now).compareTo(every) < 0) {
            return;
        }
        lastPrinted = now;
        String line = describe(progress);
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            lineOpen = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Ends the in-place line so what follows starts on its own line. */
    public synchronized void finish() {
        if (lineOpen) {
            err.println();
            lineOpen = false;
        }
    }

    public static String describe(CopyProgress p) {
        StringBuilder s = new StringBuilder("copy:");
        if (p.tablesTotal() >= 0) {
            s.append(" tables ").append(p.tablesDone()).append('/').append(p.tablesTotal()).append(',');
        }
        if (p.rows() >= 0) {
            s.append(String.format(Locale.ROOT, " %,d rows,", p.rows()));
        }
        if (p.bytes() >= 0) {
            s.append(' ').append(mib(p.bytes())).append(", ").append(mib((long) p.bytesPerSecond())).append("/s,");
        }
        long secs = p.elapsed().toSeconds();
        s.append(String.format(Locale.ROOT, " %02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60));
        return s.toString();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
