package dev.rehome.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehome.core.CopyProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import dev.rehome.testkit.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CopyProgressPrinterTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void staysQuietForShortCopies() {
        printer(false).onCopyProgress(progress(Duration.ofMillis(1500)));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void withoutATerminalPrintsAPlainLineEveryFewSeconds() {
        CopyProgressPrinter p = printer(false);
        p.onCopyProgress(progress(Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(1));
        p.onCopyProgress(progress(Duration.ofSeconds(4)));
        clock.advance(CopyProgressPrinter.LOG_EVERY);
        p.onCopyProgress(progress(Duration.ofSeconds(9)));
        assertThat(err.toString().lines()).hasSize(2).allMatch(l -> l.startsWith("copy: tables 2/5, 1,200 rows,"));
        assertThat(err.toString()).doesNotContain("\r");
    }

    @Test
    void onATerminalRewritesOneLineAndEndsItWhenDone() {
        CopyProgressPrinter p = printer(true);
        p.onCopyProgress(progress(Duration.ofSeconds(3)));
        clock.advance(Duration.ofSeconds(1));
        p.onCopyProgress(progress(Duration.ofSeconds(4)));
        p.finish();
        assertThat(err.toString()).startsWith("\rcopy:").contains("00:00:04").endsWith(System.lineSeparator());
        assertThat(err.toString().chars().filter(c -> c == '\r')).hasSize(2);
    }

    @Test
    void describesWhatTheEngineKnows() {
        assertThat(CopyProgressPrinter.describe(new CopyProgress(0, -1, -1, 10L << 20, Duration.ofSeconds(5))))
                .isEqualTo("copy: 10.0 MiB, 2.0 MiB/s, 00:00:05");
    }

    private CopyProgressPrinter printer(boolean terminal) {
        return new CopyProgressPrinter(new PrintStream(err, true), clock, terminal, true);
    }

    private static CopyProgress progress(Duration elapsed) {
        return new CopyProgress(2, 5, 1200, 3L << 20, elapsed);
    }
}
