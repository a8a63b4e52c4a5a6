package dev.rehome.jdbc.copy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a copy's time went, phase by phase: each {@link #end} closes the phase that began when the previous one
 * ended (or at construction) and logs it, so a slow copy's log says which phase to look at and the benchmark can
 * print the split. Phases that overlap others (index builds during the data copy) count where they are waited
 * for. Thread-confined: the copy's coordinating thread.
 */
public final class PhaseTimer {
    private static final Logger LOG = LoggerFactory.getLogger(PhaseTimer.class);

    /** One finished phase. */
    public record Phase(String name, long millis) {
    }

    private final Clock clock;
    private final List<Phase> phases = new ArrayList<>();
    private long mark;

    public PhaseTimer(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.mark = clock.millis();
    }

    /** Ends the current phase under {@code name}. */
    public void end(String name) {
        long now = clock.millis();
        Phase p = new Phase(name, now - mark);
        phases.add(p);
        mark = now;
        LOG.info("phase {}: {} ms", p.name(), p.millis());
    }

    public List<Phase> phases() {
        return List.copyOf(phases);
    }

    /** {@code schema 120 ms, data 3400 ms, ...} */
    @Override
    public String toString() {
        return phases.stream().map(p -> p.name() + " " + p.millis() + " ms").collect(Collectors.joining(", "));
    }
}
