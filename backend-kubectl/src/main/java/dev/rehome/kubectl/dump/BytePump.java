package dev.rehome.kubectl.dump;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongConsumer;

/**
 * Copies a producer's stdout into a consumer's stdin through one fixed buffer, counting bytes and reporting
 * progress at most once per interval, and every chunk to {@code moved} as it passes (a stall watch needs to see
 * each one). Memory does not grow with the stream. Not thread-safe: one pump, one copy.
 */
final class BytePump {
    static final int BUFFER_BYTES = 256 * 1024;

    private final Clock clock;
    private final Duration interval;
    private final BiConsumer<Long, Duration> progress;
    private final LongConsumer moved;

    /** {@code progress} receives (bytes so far, time since the pump started); {@code moved} each chunk's bytes. */
    BytePump(Clock clock, Duration interval, BiConsumer<Long, Duration> progress, LongConsumer moved) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.moved = Objects.requireNonNull(moved, "moved");
    }

    /** The outcome: bytes moved and whether the producer's EOF was reached and handed on by closing {@code to}. */
    record Outcome(long bytes, boolean sawEof, IOException failure) {
    }

    /**
     * Pumps until EOF or the first I/O failure (a consumer that died closes its end). Never throws: the caller
     * decides from both exit codes and the outcome what went wrong.
     */
    Outcome pump(InputStream from, OutputStream to) {
        Instant start = clock.instant();
        Instant lastReport = start;
        byte[] buffer = new byte[BUFFER_BYTES];
        long bytes = 0;
        try {
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                moved.accept(n);
                bytes += n;
                Instant now = clock.instant();
                if (Duration.between(lastReport, now).compareTo(interval) >= 0) {
                    progress.accept(bytes, Duration.between(start, now));
                    lastReport = now;
                }
            }
            to.close();
            progress.accept(bytes, Duration.between(start, clock.instant()));
            return new Outcome(bytes, true, null);
        } catch (IOException e) {
            return new Outcome(bytes, false, e);
        }
    }
}
