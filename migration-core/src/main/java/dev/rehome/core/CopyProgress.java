package dev.rehome.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A progress sample during a copy. {@code tablesTotal}, {@code rows} or {@code bytes} may be -1 where the
 * engine cannot know them (a pipe through pg_restore only knows bytes).
 */
public record CopyProgress(int tablesDone, int tablesTotal, long rows, long bytes, Duration elapsed) {
    public CopyProgress {
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Bytes per second so far, 0 before the first second. */
    public double bytesPerSecond() {
        double seconds = elapsed.toMillis() / 1000.0;
        return seconds <= 0 || bytes < 0 ? 0 : bytes / seconds;
    }
}
