package dev.rehome.kubectl.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How long a pod took from {@code status.startTime} to its Ready condition, read off the newest Ready pod: the
 * app's own start-up, which the cutover pays again when it brings the app back. A pod whose readiness flapped
 * since it started reads longer than its start-up was; that only makes the estimate more cautious.
 */
final class PodStartup {
    private PodStartup() {
    }

    static Optional<Duration> newestReady(List<Pod> pods) {
        return pods.stream().map(PodStartup::of).flatMap(Optional::stream)
                .max(Comparator.comparing(Startup::readyAt)).map(Startup::took);
    }

    private static Optional<Startup> of(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        Optional<Instant> started = instant(pod.getStatus().getStartTime());
        Optional<Instant> ready = pod.getStatus().getConditions().stream()
                .filter(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).findFirst().flatMap(PodStartup::instant);
        if (started.isEmpty() || ready.isEmpty() || ready.get().isBefore(started.get())) {
            return Optional.empty();
        }
        return Optional.of(new Startup(ready.get(), Duration.between(started.get(), ready.get())));
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.ofNullable(text).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private record Startup(Instant readyAt, Duration took) {
    }
}
