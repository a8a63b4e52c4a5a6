package dev.rehome.kubectl.exec;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link InClusterJobRunner} watches a Job: how long its pod may take to be Running before the copy gives up
 * and says why (image pull errors, unschedulable, quota), how often it looks, and how often it reports progress.
 */
public record JobWatch(Duration podStartTimeout, Duration pollInterval, Duration progressEvery) {
    public JobWatch {
        Objects.requireNonNull(podStartTimeout, "podStartTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(progressEvery, "progressEvery");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
    }

    /** Two minutes to start (an image pull of a few hundred MB included), a look every 2 s, progress every 30 s. */
    public static JobWatch defaults() {
        return new JobWatch(Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public JobWatch withPodStartTimeout(Duration timeout) {
        return new JobWatch(timeout, pollInterval, progressEvery);
    }
}
