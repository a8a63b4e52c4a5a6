package dev.rehome.testkit.net;

import java.time.Duration;
import java.util.Objects;

/**
 * The state of a {@link FaultyProxy}'s network, shared by all its relay threads: whether bytes move, how many more
 * may move before a fault, and how slowly. Thread-safe (its monitor guards every field).
 */
final class Conditions {
    /** What happens when the byte budget runs out. */
    enum Fault { BLACK_HOLE, CUT }

    private boolean holding;
    private long budget = -1;
    private Fault afterBudget;
    private Duration latency = Duration.ZERO;
    private long bytesPerSecond;
    private long relayed;
    private boolean closed;
    /** The relay thread whose admitted bytes used up a cut's budget: it cuts once they are written. */
    private Thread cutter;

    synchronized void pass() {
        holding = false;
        budget = -1;
        latency = Duration.ZERO;
        bytesPerSecond = 0;
        notifyAll();
    }

    synchronized void blackHole() {
        holding = true;
    }

    synchronized void after(long bytes, Fault fault) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
        }
        budget = bytes;
        afterBudget = Objects.requireNonNull(fault, "fault");
    }

    synchronized void slow(Duration delay, long perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("bytes per second must be positive, was " + perSecond);
        }
        latency = Objects.requireNonNull(delay, "delay");
        bytesPerSecond = perSecond;
    }

    synchronized long relayed() {
        return relayed;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * How many of {@code wanted} bytes may go now, after the delay a slow network adds; waits while black-holed.
     * -1 once the proxy is closed.
     */
    int admit(int wanted) throws InterruptedException {
        long sleepMillis = 0;
        int allowed;
        synchronized (this) {
            while (holding && !closed) {
                wait();
            }
            if (closed) {
                return -1;
            }
            allowed = budget < 0 ? wanted : (int) Math.min(wanted, budget);
            if (bytesPerSecond > 0) {
                // small slices, so the cap holds within a chunk too
                allowed = (int) Math.max(1, Math.min(allowed, bytesPerSecond / 20));
                sleepMillis = latency.toMillis() + allowed * 1000L / bytesPerSecond;
            }
            // The budget is taken here, not when the bytes are written: both directions admit from it, and one
            // that admitted before the other had counted its bytes let more through than the budget.
            if (budget >= 0) {
                budget -= allowed;
                if (budget == 0) {
                    budget = -1;
                    if (afterBudget == Fault.BLACK_HOLE) {
                        holding = true;
                    } else {
                        cutter = Thread.currentThread();
                    }
                }
            }
        }
        if (sleepMillis > 0) {
            Thread.sleep(sleepMillis);
        }
        return allowed;
    }

    /** Counts bytes that went through; true when they were the last a cut's budget allowed. */
    synchronized boolean delivered(int bytes) {
        relayed += bytes;
        if (cutter == Thread.currentThread()) {
            cutter = null;
            return true;
        }
        return false;
    }
}
