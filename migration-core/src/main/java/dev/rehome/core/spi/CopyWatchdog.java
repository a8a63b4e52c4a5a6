package dev.rehome.core.spi;

import dev.rehome.core.CopyLimits;
import dev.rehome.core.CopyStalledException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up a copy engine's copy that stopped moving, so a black-holed network or a frozen server ends in an error
 * instead of a hang: neither fails a socket by itself (keepalive takes hours, a blocked write never times out).
 * While the engine says its data streams ({@link #streamStarted()} to {@link #streamEnded()}), no bytes
 * {@link #moved} for the stall limit gives the copy up; outside it (DDL, index builds, {@code ANALYZE}: quiet for
 * long and legitimately so) only the deadline of the whole copy does. Giving up runs the engine's {@code abort}
 * (close its sockets, kill its programs), so the blocked threads fail, and the engine reports {@link #verdict()}
 * in place of the socket errors that follow. Time comes from the clock; checks run on a daemon thread, or by
 * {@link #check()} for tests with a clock of their own. Thread-safe.
 */
public final class CopyWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CopyWatchdog.class);

    private final Clock clock;
    private final CopyLimits limits;
    private final String between;
    private final Runnable abort;
    private final long startMillis;
    private final LongAdder moved = new LongAdder();
    private final AtomicReference<CopyStalledException> verdict = new AtomicReference<>();
    private final ScheduledExecutorService ticker;
    private boolean streaming;
    private long lastSeen;
    private long lastMoveMillis;

    private CopyWatchdog(Clock clock, CopyLimits limits, String between, Runnable abort, boolean ticking) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.between = Objects.requireNonNull(between, "between");
        this.abort = Objects.requireNonNull(abort, "abort");
        this.startMillis = clock.millis();
        this.ticker = ticking ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rehome-copy-watchdog");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /**
     * Watches a copy between {@code between} (for the message: {@code "'a' and 'b'"}), checking a few times per
     * limit; {@code abort} must unblock every thread of the copy.
     */
    public static CopyWatchdog start(Clock clock, CopyLimits limits, String between, Runnable abort) {
        CopyWatchdog w = new CopyWatchdog(clock, limits, between, abort, true);
        long tick = Math.max(10, Math.min(1000, Math.min(limits.stall().toMillis(), limits.deadline().toMillis()) / 10));
        w.ticker.scheduleWithFixedDelay(w::checkQuietly, tick, tick, TimeUnit.MILLISECONDS);
        return w;
    }

    /** A watchdog that checks only when {@link #check()} is called. */
    public static CopyWatchdog manual(Clock clock, CopyLimits limits, String between, Runnable abort) {
        return new CopyWatchdog(clock, limits, between, abort, false);
    }

    /** The data streams from now on: the stall limit applies, counted from now. */
    public synchronized void streamStarted() {
        streaming = true;
        lastSeen = moved.sum();
        lastMoveMillis = clock.millis();
    }

    /** The data is in: quiet phases follow, bounded by the deadline only. */
    public synchronized void streamEnded() {
        streaming = false;
    }

    /** {@code bytes} more moved; cheap enough for every row. */
    public void moved(long bytes) {
        moved.add(bytes);
    }

    /** Gives the copy up if it stalled or ran past its deadline. */
    public synchronized void check() {
        if (verdict.get() != null) {
            return;
        }
        long now = clock.millis();
        if (now - startMillis >= limits.deadline().toMillis()) {
            giveUp("the copy between " + between + " did not finish within its deadline of " + human(limits.deadline())
                    + "; it was stopped");
        } else if (streaming) {
            long sum = moved.sum();
            if (sum != lastSeen) {
                lastSeen = sum;
                lastMoveMillis = now;
            } else if (now - lastMoveMillis >= limits.stall().toMillis()) {
                giveUp("no bytes moved for " + human(limits.stall()) + " between " + between
                        + "; the network or a server stopped answering");
            }
        }
    }

    /** Why the copy was given up, once it was. */
    public Optional<CopyStalledException> verdict() {
        return Optional.ofNullable(verdict.get());
    }

    /**
     * What to throw for {@code failure}: the verdict when this watchdog gave the copy up (the failure, most likely a
     * closed socket, is its consequence and is kept as suppressed), else the failure itself.
     */
    public RuntimeException explain(RuntimeException failure) {
        CopyStalledException v = verdict.get();
        if (v == null || v == failure) {
            return failure;
        }
        v.addSuppressed(failure);
        return v;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    private void giveUp(String message) {
        CopyStalledException e = new CopyStalledException(message);
        verdict.set(e);
        LOG.warn("{}", message);
        abort.run();
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again; the next tick tries once more
            LOG.warn("copy watchdog check failed: {}", e.toString());
        }
    }

    /** {@code 5m0s}, {@code 1h0m0s}, {@code 2s}, {@code 1.5s}. */
    static String human(Duration d) {
        long h = d.toHours();
        int m = d.toMinutesPart();
        int s = d.toSecondsPart();
        int ms = d.toMillisPart();
        String seconds = ms == 0 ? s + "s" : String.format(java.util.Locale.ROOT, "%d.%03ds", s, ms).replaceAll("0+s$", "s");
        if (h > 0) {
            return h + "h" + m + "m" + seconds;
        }
        return m > 0 ? m + "m" + seconds : seconds;
    }
}
