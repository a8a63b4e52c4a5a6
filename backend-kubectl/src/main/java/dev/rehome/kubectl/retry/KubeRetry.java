package dev.rehome.kubectl.retry;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries <em>idempotent</em> Kubernetes API calls (reads, merge patches that set a value, creates guarded by
 * an existence check) through transient failures: 429, 500, 502, 503, 504 and I/O errors such as connection
 * resets. Conflicts (409), refusals and anything that ran SQL are never retried here: a statement that wrote
 * half a database is not safe to repeat blindly. Thread-safe.
 */
public final class KubeRetry {
    private static final Logger LOG = LoggerFactory.getLogger(KubeRetry.class);

    private final Retry retry;

    private KubeRetry(Retry retry) {
        this.retry = retry;
    }

    /** Five attempts with exponential backoff from 200 ms (real sleeps, for production). */
    public static KubeRetry standard() {
        return of(5, Duration.ofMillis(200));
    }

    /** {@code attempts} attempts, exponential backoff starting at {@code firstWait} (zero for tests). */
    public static KubeRetry of(int attempts, Duration firstWait) {
        IntervalFunction interval = firstWait.isZero()
                ? IntervalFunction.of(Duration.ofMillis(1))
                : IntervalFunction.ofExponentialBackoff(firstWait, 2.0);
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(attempts)
                .intervalFunction(interval)
                .retryOnException(KubeRetry::isTransient)
                .build();
        Retry retry = Retry.of("kubernetes-api", config);
        retry.getEventPublisher().onRetry(e -> LOG.info("Kubernetes API call failed transiently ({}), attempt {}",
                e.getLastThrowable() == null ? "?" : e.getLastThrowable().getMessage(), e.getNumberOfRetryAttempts()));
        return new KubeRetry(retry);
    }

    /** No retries: for tests that must see the first failure. */
    public static KubeRetry none() {
        return of(1, Duration.ZERO);
    }

    public <T> T call(Supplier<T> idempotentCall) {
        return retry.executeSupplier(idempotentCall);
    }

    public void run(Runnable idempotentCall) {
        retry.executeRunnable(idempotentCall);
    }

    /** Whether {@code failure} is worth another attempt of the same idempotent call. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k) {
                int code = k.getCode();
                if (code == 429 || code == 500 || code == 502 || code == 503 || code == 504) {
                    return true;
                }
                if (code >= 400) {
                    return false;
                }
            }
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
