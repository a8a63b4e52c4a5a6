package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.Objects;

/** A finished pipe: how many bytes went from the dump side to the restore side, and how long it took. */
public record PipeResult(long bytes, Duration duration) {
    public PipeResult {
        Objects.requireNonNull(duration, "duration");
    }
}
