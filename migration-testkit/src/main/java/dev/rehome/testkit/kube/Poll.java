package dev.rehome.testkit.kube;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits in tests by reading until a condition holds. Not fabric8's {@code waitUntilCondition} or
 * {@code informOnCondition}: they list, then watch from the list's resourceVersion, and the mock API server does not
 * replay events from an earlier resourceVersion, so a change landing between the list and the watch was never seen
 * and the wait ran into its timeout on a loaded machine. The timeout bounds a loaded machine; it is not a pace.
 */
public final class Poll {
    private static final long EVERY_MILLIS = 100;

    private Poll() {
    }

    /** The first value {@code read} returns that satisfies {@code done}; {@link AssertionError} at the timeout. */
    public static <T> T until(Supplier<T> read, Predicate<T> done, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = read.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what + " (last seen: " + value + ")");
            }
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            value = read.get();
        }
        return value;
    }
}
