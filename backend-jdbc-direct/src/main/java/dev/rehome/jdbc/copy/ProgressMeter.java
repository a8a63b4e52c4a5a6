package dev.rehome.jdbc.copy;

import dev.rehome.core.CopyProgress;
import dev.rehome.core.MigrationListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds up rows and bytes from all copy workers and tells the listener at most every {@code interval}, so a
 * table of a billion rows does not mean a billion events. Thread-safe.
 */
public final class ProgressMeter {
    private final MigrationListener listener;
    private final Clock clock;
    private final long intervalMillis;
    private final long startMillis;
    private final int tablesTotal;
    private final AtomicInteger tablesDone = new AtomicInteger();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong lastEmitMillis;

    public ProgressMeter(MigrationListener listener, Clock clock, int tablesTotal, Duration interval) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.intervalMillis = interval.toMillis();
        this.tablesTotal = tablesTotal;
        this.startMillis = clock.millis();
        this.lastEmitMillis = new AtomicLong(startMillis);
    }

    public void add(long moreRows, long moreBytes) {
        rows.addAndGet(moreRows);
        bytes.addAndGet(moreBytes);
        long now = clock.millis();
        long last = lastEmitMillis.get();
        if (now - last >= intervalMillis && lastEmitMillis.compareAndSet(last, now)) {
            emit(now);
        }
    }

    public void tableDone() {
        tablesDone.incrementAndGet();
        add(0, 0);
    }

    /** The last sample, always sent, so a listener sees the totals even when the copy took less than one interval. */
    public CopyProgress finish() {
        return emit(clock.millis());
    }

    private CopyProgress emit(long now) {
        CopyProgress p = new CopyProgress(tablesDone.get(), tablesTotal, rows.get(), bytes.get(),
                Duration.ofMillis(now - startMillis));
        listener.onCopyProgress(p);
        return p;
    }
}
