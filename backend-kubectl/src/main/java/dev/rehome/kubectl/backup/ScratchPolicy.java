package dev.rehome.kubectl.backup;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a restore proof may use the cluster: how long the scratch cluster may take to become ready, how often to
 * look, and the most storage it may claim ({@code maxStorage}, a Kubernetes quantity such as {@code 50Gi}; empty:
 * only ResourceQuotas limit it).
 */
public record ScratchPolicy(Duration readyTimeout, Duration pollInterval, Optional<String> maxStorage) {
    public ScratchPolicy {
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(maxStorage, "maxStorage");
    }

    /** Half an hour to restore, a look every 5 s, no limit of its own. */
    public static ScratchPolicy defaults() {
        return new ScratchPolicy(Duration.ofMinutes(30), Duration.ofSeconds(5), Optional.empty());
    }

    public ScratchPolicy withMaxStorage(String quantity) {
        return new ScratchPolicy(readyTimeout, pollInterval, Optional.of(quantity));
    }

    public ScratchPolicy withReadyTimeout(Duration timeout) {
        return new ScratchPolicy(timeout, pollInterval, maxStorage);
    }
}
