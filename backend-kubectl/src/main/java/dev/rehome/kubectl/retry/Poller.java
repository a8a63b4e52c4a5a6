package dev.rehome.kubectl.retry;

import dev.rehome.core.OperationFailedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls a condition until it yields a value or a deadline on the injected clock passes. Thread-safe if the
 * clock and sleeper are.
 */
public final class Poller {
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;

    public Poller(Clock clock, Sleeper sleeper, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Returns the first value {@code probe} yields; throws {@link OperationFailedException} naming {@code what}
     * once {@code timeout} has passed without one.
     */
    public <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (!clock.instant().isBefore(deadline)) {
                throw new OperationFailedException("gave up waiting for " + what + " after " + timeout);
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("interrupted while waiting for " + what, e);
            }
        }
    }
}
