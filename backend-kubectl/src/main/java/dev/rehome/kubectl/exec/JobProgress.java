package dev.rehome.kubectl.exec;

import java.time.Duration;

/** Hears from {@link InClusterJobRunner} while a Job runs: how long it has run and when rehome gives up on it. */
@FunctionalInterface
public interface JobProgress {
    JobProgress NONE = (job, elapsed, deadline) -> { };

    void onRunning(String job, Duration elapsed, Duration deadline);
}
