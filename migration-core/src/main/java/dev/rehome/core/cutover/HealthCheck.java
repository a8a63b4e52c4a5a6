package dev.rehome.core.cutover;

import java.time.Duration;

/** Port: the app's health endpoint. */
public interface HealthCheck {
    /** Polls {@code url} until it answers 200 or {@code deadline} passes (then throws, naming the last answer). */
    void awaitHealthy(String url, Duration deadline);
}
