package dev.rehome.testkit.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves {@code step} each time it is read, so anything timed between two readings took exactly that
 * long, whatever the machine is doing. Thread-safe.
 */
public final class TickingClock extends ManualClock {
    private final Duration step;

    public TickingClock(Instant start, Duration step) {
        super(start);
        this.step = step;
    }

    @Override
    public synchronized Instant instant() {
        Instant t = super.instant();
        advance(step);
        return t;
    }
}
