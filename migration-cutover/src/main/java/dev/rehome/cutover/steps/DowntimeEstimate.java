package dev.rehome.cutover.steps;

import java.time.Duration;

/**
 * A rough, deliberately pessimistic guess of how long the app stays at 0 replicas: copy and checksum at
 * 10 MiB/s each way, plus a minute for scaling, fencing, the health check and the invariants.
 */
final class DowntimeEstimate {
    private static final long BYTES_PER_SECOND = 10L * 1024 * 1024;
    private static final Duration FIXED = Duration.ofSeconds(60);

    private DowntimeEstimate() {
    }

    static Duration of(long databaseBytes) {
        return FIXED.plusSeconds(2 * Math.max(0, databaseBytes) / BYTES_PER_SECOND);
    }
}
