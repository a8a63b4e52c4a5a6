package dev.rehome.cutover.fleet;

import dev.rehome.core.cutover.HealthCheck;
import java.time.Duration;
import java.util.Objects;

/**
 * A health check that is skipped when the app has no health URL (no HTTP readiness probe and no
 * {@code --health-url}): then the readiness the scale-up already waited for is the check.
 */
public final class OptionalHealthCheck implements HealthCheck {
    private final HealthCheck delegate;

    public OptionalHealthCheck(HealthCheck delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void awaitHealthy(String url, Duration deadline) {
        if (url != null && !url.isBlank()) {
            delegate.awaitHealthy(url, deadline);
        }
    }
}
