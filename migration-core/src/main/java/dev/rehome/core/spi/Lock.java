package dev.rehome.core.spi;

import java.time.Duration;

/**
 * Mutual exclusion between rehome runs on one target database. A lock must die with its holder (a Kubernetes
 * Lease with a TTL, renewed while held), never a flag that outlives a {@code kill -9}.
 */
public interface Lock {
    /**
     * Takes the lock named {@code name} for {@code holder}, or throws {@link dev.rehome.core.RefusedException}
     * naming the current holder and when its claim expires.
     */
    Handle acquire(String name, String holder, Duration ttl);

    /** A held lock; closing it releases it. */
    interface Handle extends AutoCloseable {
        /**
         * Throws {@link dev.rehome.core.OperationFailedException} if the lock was lost (a renewal found another
         * holder, or could not renew in time); a runner calls it at every safe point, between steps.
         */
        default void ensureHeld() {
        }

        @Override
        void close();
    }
}
