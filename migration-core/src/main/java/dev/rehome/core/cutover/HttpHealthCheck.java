package dev.rehome.core.cutover;

import dev.rehome.core.OperationFailedException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Polls a health URL with the JDK HTTP client until it answers 200; time from an injected clock and sleeper. */
public final class HttpHealthCheck implements HealthCheck {
    /** Waits between polls; tests pass one that advances a fake clock instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;

    public HttpHealthCheck(Clock clock, Sleeper sleeper, Duration interval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public void awaitHealthy(String url, Duration deadline) {
        Instant until = clock.instant().plus(deadline);
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("interrupted while waiting for " + url, e);
            }
            if (!clock.instant().isBefore(until)) {
                throw new OperationFailedException("GET " + url + " did not answer 200 within " + deadline.toSeconds()
                        + "s (last: " + last + "); check the app's logs");
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException("interrupted while waiting for " + url, e);
            }
        }
    }
}
