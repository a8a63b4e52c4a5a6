package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How long a copy of a database of a given size may take: its size over a throughput (assumed, or measured from an
 * earlier copy with {@link #measured}), times a safety margin, never less than a minimum. An unknown size gets
 * the fallback (the Job's own {@code activeDeadline}).
 */
public record CopyBudget(long bytesPerSecond, double margin, Duration minimum) {
    public CopyBudget {
        Objects.requireNonNull(minimum, "minimum");
        if (bytesPerSecond < 1) {
            throw new IllegalArgumentException("bytesPerSecond must be positive, was " + bytesPerSecond);
        }
        if (margin < 1) {
            throw new IllegalArgumentException("margin must be at least 1, was " + margin);
        }
    }

    /**
     * 10 MiB/s (a {@code pg_dump | pg_restore} of indexed tables on modest disks; rehome's benchmark sees more),
     * a margin of 3 and at least 10 minutes.
     */
    public static CopyBudget assumed() {
        return new CopyBudget(10L * 1024 * 1024, 3.0, Duration.ofMinutes(10));
    }

    /** The same margin and minimum at the throughput an earlier copy of {@code bytes} in {@code took} reached. */
    public CopyBudget measured(long bytes, Duration took) {
        long seconds = Math.max(1, took.toSeconds());
        return new CopyBudget(Math.max(1, bytes / seconds), margin, minimum);
    }

    /** The deadline for {@code bytes}, or {@code fallback} when the size is unknown. */
    public Duration deadlineFor(OptionalLong bytes, Duration fallback) {
        if (bytes.isEmpty()) {
            return fallback;
        }
        double seconds = (double) bytes.getAsLong() / bytesPerSecond * margin;
        Duration derived = Duration.ofSeconds((long) Math.ceil(seconds));
        return derived.compareTo(minimum) < 0 ? minimum : derived;
    }

    /** For messages: {@code 10.0 MiB/s x3, at least PT10M}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.1f MiB/s x%.0f, at least %s", bytesPerSecond / 1048576.0, margin,
                minimum);
    }
}
