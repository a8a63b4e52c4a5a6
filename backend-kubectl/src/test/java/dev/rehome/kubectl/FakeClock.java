package dev.rehome.kubectl;

import dev.rehome.kubectl.retry.Sleeper;
import dev.rehome.testkit.time.ManualClock;
import java.time.Instant;

/** A clock tests move by hand; its {@link #sleeper()} advances it instead of sleeping. */
public final class FakeClock extends ManualClock {
    public FakeClock(Instant start) {
        super(start);
    }

    public Sleeper sleeper() {
        return this::advance;
    }
}
